# SPDX-License-Identifier: GPL-2.0
"""ifconfig, nicinfo and netstat run on the host against a stand-in for
/dev/iopkt0 (tests/fakectl.c, LD_PRELOAD): whole outputs, error messages
and the ioctls that configuration sends. Addresses come from the host's
rtnetlink: fakectl's sam0 is Linux's lo (ifindex 1)."""
import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'bin')
FAKE = os.path.join(TOP, 'build', 'tools', 'ifconfig', 'fakectl.so')
TOOLS = ['ifconfig', 'nicinfo', 'netstat']


def setUpModule():
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools'), FAKE] +
                   [os.path.join(BIN, t) for t in TOOLS], check=True)


class Fake(unittest.TestCase):
    def setUp(self):
        fd, self.log = tempfile.mkstemp(prefix='fakectl.')
        os.close(fd)

    def tearDown(self):
        os.unlink(self.log)

    def run_tool(self, tool, *args, rc=0):
        env = dict(os.environ, LD_PRELOAD=FAKE, FAKECTL_LOG=self.log)
        env.pop('SOCK', None)
        p = subprocess.run([os.path.join(BIN, tool)] + list(args), env=env,
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, rc, (args, p.stdout, p.stderr))
        return p.stdout, p.stderr

    def sent(self):
        with open(self.log) as f:
            return f.read().splitlines()


class Ifconfig(Fake):
    SAM0 = ('sam0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n'
            '\tcapabilities rx=7<IP4CSUM,TCP4CSUM,UDP4CSUM>\n'
            '\tcapabilities tx=87<IP4CSUM,TCP4CSUM,UDP4CSUM,TSO4>\n'
            '\tenabled rx=0\n'
            '\tenabled tx=0\n'
            '\taddress: 00:01:02:03:04:05\n'
            '\tmedia: Ethernet autoselect (1000baseT full-duplex)\n'
            '\tstatus: active\n')
    TAP0 = ('tap0: flags=8802<BROADCAST,SIMPLEX,MULTICAST> mtu 1500\n'
            '\taddress: 02:aa:bb:cc:dd:ee\n'
            '\tstatus: no carrier\n')

    def test_all(self):
        for args in ([], ['-a']):
            out, err = self.run_tool('ifconfig', *args)
            self.assertTrue(out.startswith(self.SAM0), out)
            self.assertTrue(out.endswith(self.TAP0), out)
            # the host's lo addresses, in NetBSD's words
            self.assertIn('\tinet 127.0.0.1 netmask 0xff000000\n', out)
            self.assertEqual(err, '')

    def test_one(self):
        out, _ = self.run_tool('ifconfig', 'tap0')
        self.assertEqual(out, self.TAP0)

    def test_lists(self):
        self.assertEqual(self.run_tool('ifconfig', '-l')[0], 'sam0 tap0\n')
        self.assertEqual(self.run_tool('ifconfig', '-l', '-u')[0], 'sam0\n')
        self.assertEqual(self.run_tool('ifconfig', '-l', '-d')[0], 'tap0\n')
        self.assertEqual(self.run_tool('ifconfig', '-C')[0], 'bridge tap\n')
        self.assertEqual(self.run_tool('ifconfig', '-a', '-d')[0], self.TAP0)

    def test_media_list_and_counters(self):
        out, _ = self.run_tool('ifconfig', '-m', '-v', 'sam0')
        self.assertIn('\tstatus: active\n'
                      '\tsupported Ethernet media:\n'
                      '\t\tmedia autoselect\n'
                      '\t\tmedia 10baseT\n'
                      '\t\tmedia 10baseT mediaopt full-duplex\n'
                      '\t\tmedia 100baseTX mediaopt full-duplex\n'
                      '\t\tmedia 1000baseT mediaopt full-duplex\n'
                      '\tinput: 1443 packets, 123456 bytes, 3 multicasts\n'
                      '\toutput: 104 packets, 10067 bytes, 1 error\n', out)
        self.assertIn('\tec_capabilities=4<JUMBO_MTU>\n\tec_enabled=0\n', out)

    def test_unknown_interface(self):
        out, err = self.run_tool('ifconfig', 'foo0', rc=1)
        self.assertEqual(err, 'ifconfig: SIOCGIFFLAGS: foo0: Device not '
                         'configured\n')
        out, err = self.run_tool('ifconfig', 'foo0', 'up', rc=1)
        self.assertEqual(err, 'ifconfig: SIOCGIFFLAGS: foo0: Device not '
                         'configured\n')

    def test_bad_keyword_touches_nothing(self):
        _, err = self.run_tool('ifconfig', 'sam0', 'up', 'frob', rc=1)
        self.assertTrue(err.startswith('ifconfig: frob: unknown keyword or '
                                       'bad address\nusage: ifconfig'), err)
        self.assertEqual(self.sent(), [])

    def test_configuration_requests(self):
        self.run_tool('ifconfig', 'sam0', 'down', 'mtu', '9000', 'metric', '2',
                      'media', '100baseTX', 'mediaopt', 'full-duplex',
                      'ip4csum', 'tso4')
        self.assertEqual(self.sent(), ['SIOCSIFFLAGS sam0 8842',
                                       'SIOCSIFMTU sam0 9000',
                                       'SIOCSIFMETRIC sam0 2',
                                       'SIOCSIFMEDIA sam0 100026',
                                       'SIOCSIFCAP sam0 rx=1 tx=81'])

    def test_flag_keywords(self):
        self.run_tool('ifconfig', 'sam0', 'debug', 'link1')
        self.assertEqual(self.sent(), ['SIOCSIFFLAGS sam0 a847'])

    def test_unchanged_flags_are_not_sent(self):
        self.run_tool('ifconfig', 'sam0', 'up')
        self.assertEqual(self.sent(), [])

    def test_create_destroy(self):
        self.run_tool('ifconfig', 'tap1', 'create')
        self.run_tool('ifconfig', 'tap0', 'destroy')
        self.assertEqual(self.sent(), ['SIOCIFCREATE tap1',
                                       'SIOCIFDESTROY tap0'])
        _, err = self.run_tool('ifconfig', 'tap0', 'create', rc=1)
        self.assertEqual(err, 'ifconfig: SIOCIFCREATE: tap0: File exists\n')

    def test_no_media(self):
        _, err = self.run_tool('ifconfig', 'tap0', 'media', 'auto', rc=1)
        self.assertEqual(err, 'ifconfig: SIOCGIFMEDIA: tap0: interface has '
                         'no media to set (Invalid argument)\n')

    def test_unknown_media(self):
        _, err = self.run_tool('ifconfig', 'sam0', 'media', '100baseQQ', rc=1)
        self.assertEqual(err, "ifconfig: media: unknown Ethernet media type "
                         "'100baseQQ'\n")

    def test_zero_counters(self):
        self.run_tool('ifconfig', '-z', 'sam0')
        self.assertEqual(self.sent(), ['SIOCZIFDATA sam0'])

    def test_no_instance(self):
        env = dict(os.environ)
        env.pop('LD_PRELOAD', None)
        if os.path.exists('/dev/iopkt0'):
            self.skipTest('an iopkt instance runs here')
        p = subprocess.run([os.path.join(BIN, 'ifconfig'), '-a'], env=env,
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn('ifconfig: io-pkt instance 0 is not running', p.stderr)


class Nicinfo(Fake):
    def test_all_interfaces(self):
        out, err = self.run_tool('nicinfo')
        self.assertTrue(out.startswith('sam0: Sample Ethernet Controller\n'
                                       '  Link is up\n\n'
                                       '  Physical Node ID ...................'
                                       '........ 000102 030405\n'), out)
        self.assertIn('  Current Operation Rate ..................... 1000.00'
                      ' Mb/s full-duplex\n', out)
        self.assertIn('  Packets Received OK ........................ 1443\n',
                      out)
        # a driver without nicinfo is reported and skipped, not an error
        self.assertEqual(err, 'nicinfo: tap0: driver does not support nicinfo'
                         ' (Operation not supported)\n')

    def test_named(self):
        out, _ = self.run_tool('nicinfo', 'sam0')
        self.assertTrue(out.startswith('sam0: '))
        _, err = self.run_tool('nicinfo', 'tap0', rc=1)
        self.assertIn('driver does not support nicinfo', err)
        _, err = self.run_tool('nicinfo', 'foo0', rc=1)
        self.assertEqual(err, 'nicinfo: foo0: SIOCGDRVCOM: Device not '
                         'configured\n')


class Netstat(Fake):
    def test_interfaces(self):
        out, _ = self.run_tool('netstat', '-i')
        lines = out.splitlines()
        self.assertEqual(lines[0].split(), ['Name', 'Mtu', 'Network',
                                            'Address', 'Ipkts', 'Ierrs',
                                            'Opkts', 'Oerrs', 'Colls'])
        self.assertEqual(lines[1], 'sam0  1500  <Link>        '
                         '00:01:02:03:04:05     1443     0      104     1     0')
        self.assertIn('sam0  1500  127/8         127.0.0.1             1443'
                      '     0      104     1     0', lines)
        self.assertEqual(lines[-1], 'tap0* 1500  <Link>        '
                         '02:aa:bb:cc:dd:ee        0     0        0     0     0')

    def test_one_interface(self):
        out, _ = self.run_tool('netstat', '-I', 'tap0')
        self.assertEqual(len(out.splitlines()), 2)
        _, err = self.run_tool('netstat', '-I', 'foo0', rc=1)
        self.assertEqual(err, 'netstat: foo0: Device not configured\n')

    def test_mbufs_without_debugfs(self):
        if os.path.exists('/sys/kernel/debug/iopkt/mbufs'):
            self.skipTest('iopkt is loaded here')
        _, err = self.run_tool('netstat', '-m', rc=1)
        self.assertIn('netstat: /sys/kernel/debug/iopkt/mbufs: ', err)


if __name__ == '__main__':
    unittest.main()


class Addresses(unittest.TestCase):
    """Address changes, in a network namespace of their own (unshare -n)
    whose lo stands for sam0."""

    def sh(self, script):
        env = dict(os.environ, LD_PRELOAD=FAKE, B=BIN)
        env.pop('SOCK', None)
        p = subprocess.run(['unshare', '-n', 'sh', '-c', script], env=env,
                           capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def setUp(self):
        rc, _, _ = self.sh('true')
        if rc:
            self.skipTest('cannot unshare a network namespace here')

    def test_set_alias_replace_delete(self):
        rc, out, err = self.sh(
            '$B/ifconfig sam0 10.1.2.3/24 && '
            '$B/ifconfig sam0 inet 192.168.7.1 netmask 0xffff0000 alias && '
            '$B/ifconfig sam0 inet6 2001:db8::5/64 alias && '
            '$B/ifconfig sam0 inet && echo -- && '
            '$B/ifconfig sam0 10.1.2.4 netmask 255.255.255.0 && '
            '$B/ifconfig sam0 192.168.7.1 -alias && '
            '$B/ifconfig sam0 inet6 2001:db8::5 delete && '
            '$B/ifconfig sam0 inet6 fe80::1 alias && '
            '$B/ifconfig sam0 | grep inet')
        self.assertEqual(rc, 0, err)
        first, second = out.split('--\n')
        self.assertIn('\tinet 10.1.2.3 netmask 0xffffff00 broadcast '
                      '10.1.2.255\n'
                      '\tinet 192.168.7.1 netmask 0xffff0000 broadcast '
                      '192.168.255.255\n', first)
        self.assertNotIn('inet6', first)    # "ifconfig sam0 inet"
        self.assertEqual(second,
                         '\tinet 10.1.2.4 netmask 0xffffff00 broadcast '
                         '10.1.2.255\n'
                         '\tinet6 fe80::1%sam0 prefixlen 64 scopeid 0x1\n')

    def test_delete_missing(self):
        rc, _, err = self.sh('$B/ifconfig sam0 10.7.7.7 delete')
        self.assertEqual(rc, 1)
        self.assertEqual(err, 'ifconfig: SIOCDIFADDR: sam0: Cannot assign '
                         'requested address\n')
