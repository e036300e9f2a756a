# SPDX-License-Identifier: GPL-2.0
"""Host tests of ifconfig's pure parts (flags, capabilities, media words,
argument parsing, address lines) through tests/fmt_test.c."""
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'tools', 'ifconfig', 'fmt_test')


def setUpModule():
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools'), BIN],
                   check=True)


def run(*args, rc=0):
    p = subprocess.run([BIN] + [str(a) for a in args], capture_output=True,
                       text=True)
    if p.returncode != rc:
        raise AssertionError('fmt_test %s: exit %d, output %r %r' %
                             (' '.join(map(str, args)), p.returncode,
                              p.stdout, p.stderr))
    return p.stdout


class Flags(unittest.TestCase):
    def test_guide_examples(self):
        # the lines of the Core Networking guide
        self.assertEqual(run('flags', '0x8843'),
                         'flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>\n')
        self.assertEqual(run('flags', '0x8802'),
                         'flags=8802<BROADCAST,SIMPLEX,MULTICAST>\n')
        self.assertEqual(run('flags', '0x8049'),
                         'flags=8049<UP,LOOPBACK,RUNNING,MULTICAST>\n')
        self.assertEqual(run('flags', '0x8943'),
                         'flags=8943<UP,BROADCAST,RUNNING,PROMISC,SIMPLEX,'
                         'MULTICAST>\n')

    def test_zero(self):
        self.assertEqual(run('flags', 0), 'flags=0\n')


class Caps(unittest.TestCase):
    def test_lines(self):
        self.assertEqual(run('caps', 'capabilities rx', 7),
                         'capabilities rx=7<IP4CSUM,TCP4CSUM,UDP4CSUM>\n')
        self.assertEqual(run('caps', 'capabilities tx', '0x1b7'),
                         'capabilities tx=1b7<IP4CSUM,TCP4CSUM,UDP4CSUM,'
                         'TCP6CSUM,UDP6CSUM,TSO4,TSO6>\n')
        self.assertEqual(run('caps', 'enabled rx', 0), 'enabled rx=0\n')

    def test_keywords_both_directions(self):
        # the hardware has IPv4 checksums both ways and TSO4 on transmit
        self.assertEqual(run('capsapply', 7, '0x87', 0, 0, 'ip4csum', 'tso4'),
                         'rx=1 tx=81\n')
        self.assertEqual(run('capsapply', 7, 7, 0, 0, 'tcp4csum', 'udp4csum'),
                         'rx=6 tx=6\n')

    def test_keywords_one_direction(self):
        self.assertEqual(run('capsapply', 7, 7, 0, 0, 'ip4csum-tx'),
                         'rx=0 tx=1\n')
        self.assertEqual(run('capsapply', 7, 7, 7, 7, '-tcp4csum-rx'),
                         'rx=5 tx=7\n')
        self.assertEqual(run('capsapply', 7, 7, 7, 7, '-ip4csum'),
                         'rx=6 tx=6\n')

    def test_unsupported_is_left_to_the_driver(self):
        # asked for in both directions; the driver will say EINVAL
        self.assertEqual(run('capsapply', 0, 0, 0, 0, 'tcp6csum'),
                         'rx=10 tx=10\n')
        # TSO never goes to rx
        self.assertEqual(run('capsapply', 0, 0, 0, 0, 'tso6'), 'rx=0 tx=100\n')

    def test_no_rx_tso(self):
        self.assertIn('unknown keyword', run('parse', 'tso4-rx', rc=2))


class Media(unittest.TestCase):
    def test_words(self):
        self.assertEqual(run('media', '0x00100030', ' '),
                         'Ethernet 1000baseT full-duplex\n')
        self.assertEqual(run('media', '0x20', ' '), 'Ethernet autoselect\n')
        self.assertEqual(run('media', '0x00200023', ' '),
                         'Ethernet 10baseT half-duplex\n')
        self.assertEqual(run('media', '0x00560030', ' mediaopt '),
                         'Ethernet 1000baseT mediaopt full-duplex,flowcontrol,'
                         'rxpause,txpause\n')
        self.assertEqual(run('media', '0x20 ', ' '), 'Ethernet autoselect\n')

    def test_wifi_words_of_the_guide(self):
        self.assertEqual(run('media', '0x0003008f', ' '),
                         'IEEE802.11 OFDM36 mode 11g\n')
        self.assertEqual(run('media', '0x00000280', ' '),
                         'IEEE802.11 autoselect hostap\n')
        self.assertEqual(run('media', '0x00020280', ' '),
                         'IEEE802.11 autoselect mode 11b hostap\n')

    def test_status(self):
        self.assertEqual(run('status', '0x20', 3), 'active\n')
        self.assertEqual(run('status', '0x20', 1), 'no carrier\n')
        self.assertEqual(run('status', '0x80', 1), 'no network\n')
        self.assertEqual(run('status', '0x20', 0), '(none)\n')

    def test_set_media_clears_options(self):
        self.assertEqual(run('mediaset', '0x00100030', 'media', '100baseTX'),
                         '0x00000026 100baseTX\n')
        self.assertEqual(run('mediaset', '0x20', 'media', '100baseTX',
                             'mediaopt', 'full-duplex'),
                         '0x00100026 100baseTX full-duplex\n')

    def test_mediaopt(self):
        self.assertEqual(run('mediaset', '0x00000030', 'mediaopt', 'fdx,flow'),
                         '0x00500030 1000baseT full-duplex,flowcontrol\n')
        self.assertEqual(run('mediaset', '0x00500030', '-mediaopt', 'flowcontrol'),
                         '0x00100030 1000baseT full-duplex\n')
        self.assertEqual(run('mediaset', '0x20', 'media', 'auto'),
                         '0x00000020 autoselect\n')

    def test_unknown_names(self):
        self.assertEqual(run('mediaset', '0x20', 'media', '100baseQQ', rc=2),
                         "error: media: unknown Ethernet media type "
                         "'100baseQQ'\n")
        self.assertEqual(run('mediaset', '0x20', 'mediaopt', 'fdx,bogus', rc=2),
                         "error: mediaopt: unknown Ethernet media option "
                         "'bogus'\n")


class Parse(unittest.TestCase):
    def test_address_forms(self):
        out = run('parse', '10.0.0.1/24')
        self.assertIn('addr op=set family=inet addr=10.0.0.1 plen=24', out)
        out = run('parse', 'inet', '10.0.0.1', 'netmask', '0xffff0000',
                  'broadcast', '10.0.255.255', 'alias')
        self.assertIn('addr op=alias family=inet addr=10.0.0.1 plen=16 '
                      'broadcast=10.0.255.255', out)
        out = run('parse', 'inet', '10.0.0.1', 'netmask', '255.255.255.0')
        self.assertIn('plen=24', out)
        out = run('parse', 'inet6', '2001:db8::1', 'prefixlen', '48', 'delete')
        self.assertIn('addr op=delete family=inet6 addr=2001:db8::1 plen=48',
                      out)
        out = run('parse', '10.0.0.1', '-alias')
        self.assertIn('op=delete', out)
        out = run('parse', 'inet6', 'fe80::1/64', 'alias')
        self.assertIn('op=alias family=inet6 addr=fe80::1 plen=64', out)
        out = run('parse', '10.0.0.1', '10.0.0.2')
        self.assertIn('dst=10.0.0.2', out)
        self.assertIn('plen=32', out)
        out = run('parse', '10.0.0.1', '10.0.0.2', 'netmask', '255.0.0.0')
        self.assertIn('plen=8', out)
        out = run('parse', '10.0.0.1')
        self.assertIn('plen=-1', out)

    def test_family_only_shows(self):
        self.assertIn('nparams=0 show_family=2', run('parse', 'inet'))

    def test_flags_and_values(self):
        out = run('parse', 'up', 'mtu', '9000', 'metric', '3', '-debug',
                  'link0', '-link2')
        self.assertIn('nparams=6', out)
        self.assertIn('flags_set=1001 flags_clr=4004', out)
        self.assertIn('mtu=9000', out)
        self.assertIn('metric=3', out)
        # the last of up/down wins
        self.assertIn('flags_set=0 flags_clr=1', run('parse', 'up', 'down'))
        self.assertIn('flags_set=80 flags_clr=0', run('parse', '-arp'))

    def test_create_destroy(self):
        self.assertIn('create=1 destroy=0 nparams=0', run('parse', 'create'))
        self.assertIn('create=1 destroy=0 nparams=1',
                      run('parse', 'create', 'up'))
        self.assertIn('create=0 destroy=1 nparams=0', run('parse', 'destroy'))
        self.assertIn('error: destroy: takes no other parameters',
                      run('parse', 'destroy', 'up', rc=2))

    def test_media_words(self):
        out = run('parse', 'media', '1000baseT', 'mediaopt', 'full-duplex',
                  '-mediaopt', 'flow')
        self.assertIn('media=1000baseT\nmediaopt=full-duplex\n-mediaopt=flow',
                      out)

    def test_errors(self):
        cases = [
            (['frob'], 'frob: unknown keyword or bad address'),
            (['mtu'], 'mtu: missing argument'),
            (['mtu', 'big'], "mtu: bad value 'big'"),
            (['mtu', '0'], "mtu: bad value '0'"),
            (['netmask', '255.0.0.0'], 'netmask: no address given'),
            (['10.0.0.1', 'netmask', '255.0.255.0'],
             "netmask: bad value '255.0.255.0'"),
            (['10.0.0.1/24', 'netmask', '255.0.0.0'],
             'netmask: contradicts /24'),
            (['inet6', '2001:db8::1', 'netmask', '255.0.0.0'],
             'netmask: only for inet; use prefixlen'),
            (['inet', '2001:db8::1'],
             '2001:db8::1: unknown keyword or bad address'),
            (['10.0.0.1', 'alias', '-alias'], 'alias and -alias: choose one'),
            (['10.0.0.1/33'], '10.0.0.1/33: unknown keyword or bad address'),
            (['10.0.0.1', 'broadcast', 'x'], "broadcast: bad value 'x'"),
            (['inet', 'inet6'], 'inet6: only one address family at a time'),
        ]
        for args, msg in cases:
            with self.subTest(args=args):
                self.assertEqual(run('parse', *args, rc=2),
                                 'error: %s\n' % msg)


class Lines(unittest.TestCase):
    def test_inet(self):
        self.assertEqual(run('addr4', '10.42.107.238', 24, '10.42.107.255',
                             '0x8843'),
                         'inet 10.42.107.238 netmask 0xffffff00 broadcast '
                         '10.42.107.255\n')
        # the guide's loopback line: no broadcast
        self.assertEqual(run('addr4', '127.0.0.1', 8, '-', '0x8049'),
                         'inet 127.0.0.1 netmask 0xff000000\n')
        self.assertEqual(run('addr4', '10.0.0.1', 32, '-', '0x8051',
                             '10.0.0.2'),
                         'inet 10.0.0.1 -> 10.0.0.2 netmask 0xffffffff\n')

    def test_inet6(self):
        self.assertEqual(run('addr6', 'fe80::201:2ff:fe03:405', 64, 0, 2,
                             'sam0'),
                         'inet6 fe80::201:2ff:fe03:405%sam0 prefixlen 64 '
                         'scopeid 0x2\n')
        self.assertEqual(run('addr6', '2001:db8::1', 64, '0x40', 2, 'sam0'),
                         'inet6 2001:db8::1 prefixlen 64 tentative\n')
        self.assertEqual(run('addr6', '2001:db8::1', 64, '0x20', 2, 'sam0'),
                         'inet6 2001:db8::1 prefixlen 64 deprecated\n')

    def test_counters(self):
        self.assertEqual(run('counters', 10, 1000, 0, 0, 0, 0, 1, 64, 0, 0, 0),
                         '\tinput: 10 packets, 1000 bytes\n'
                         '\toutput: 1 packet, 64 bytes\n')
        self.assertEqual(run('counters', 1, 1, 2, 3, 4, 5, 2, 2, 1, 1, 7),
                         '\tinput: 1 packet, 1 byte, 2 multicasts, 3 errors, '
                         '4 queue drops, 5 unknown protocol\n'
                         '\toutput: 2 packets, 2 bytes, 1 multicast, 1 error, '
                         '7 collisions\n')

    def test_lladdr(self):
        self.assertEqual(run('lladdr', '000102030405'), '00:01:02:03:04:05\n')

    def test_netnames(self):
        self.assertEqual(run('netname', '10.0.2.15', 24), '10.0.2/24\n')
        self.assertEqual(run('netname', '10.1.2.3', 8), '10/8\n')
        self.assertEqual(run('netname', '172.16.5.4', 16), '172.16/16\n')
        self.assertEqual(run('netname', '10.0.0.5', 32), '10.0.0.5/32\n')
        self.assertEqual(run('netname', '0.0.0.0', 0), 'default\n')

    def test_classful_default(self):
        self.assertEqual(run('defplen', '10.1.2.3'), '8\n')
        self.assertEqual(run('defplen', '172.16.1.1'), '16\n')
        self.assertEqual(run('defplen', '192.168.1.1'), '24\n')


if __name__ == '__main__':
    unittest.main()
