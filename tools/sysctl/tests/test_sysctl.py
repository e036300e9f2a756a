# SPDX-License-Identifier: GPL-2.0
"""sysctl: NetBSD names, output, errors; writes in a private network namespace."""
import os
import subprocess
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'bin')
SYSCTL = os.path.join(BIN, 'sysctl')
NAMES = ['kern.somaxconn', 'net.inet.icmp.bmcastecho', 'net.inet.ip.anonportmax',
         'net.inet.ip.anonportmin', 'net.inet.ip.do_loopback_cksum', 'net.inet.ip.forwarding',
         'net.inet.ip.ifq.maxlen', 'net.inet.ip.ttl', 'net.inet.tcp.do_loopback_cksum',
         'net.inet.tcp.ecn.enable', 'net.inet.tcp.recvspace', 'net.inet.tcp.sack.enable',
         'net.inet.tcp.sendspace', 'net.inet.tcp.somaxconn', 'net.inet.udp.do_loopback_cksum',
         'net.inet.udp.recvspace', 'net.inet.udp.sendspace', 'net.inet6.ip6.forwarding']


def setUpModule():
    if not os.path.exists(SYSCTL):
        subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True,
                       capture_output=True)


def sysctl(*args, env=None):
    e = dict(os.environ)
    e.pop('SOCK', None)
    e.update(env or {})
    p = subprocess.run([SYSCTL] + list(args), capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr.strip()


def can_unshare_net():
    if os.geteuid() != 0:
        return False
    return subprocess.run(['unshare', '-n', 'true'], capture_output=True).returncode == 0


def in_netns(script):
    """Run a shell script with $S = sysctl in a fresh network namespace."""
    p = subprocess.run(['unshare', '-n', 'sh', '-c', script], capture_output=True, text=True,
                       env=dict(os.environ, S=SYSCTL))
    return p.returncode, p.stdout, p.stderr.strip()


class SysctlReadTest(unittest.TestCase):
    def test_all(self):
        rc, out, err = sysctl('-a')
        self.assertEqual(rc, 0, err)
        names = [line.split(' = ')[0] for line in out.splitlines()]
        want = [n for n in NAMES if n != 'net.inet6.ip6.forwarding' or
                os.path.exists('/proc/sys/net/ipv6')]
        self.assertEqual(names, want)
        for line in out.splitlines():
            self.assertRegex(line, r'^[a-z0-9._]+ = -?[0-9]+$')

    def test_loopback_cksum_reads_zero(self):
        rc, out, _ = sysctl('net.inet.ip.do_loopback_cksum', 'net.inet.tcp.do_loopback_cksum',
                            'net.inet.udp.do_loopback_cksum')
        self.assertEqual((rc, out), (0, 'net.inet.ip.do_loopback_cksum = 0\n'
                                        'net.inet.tcp.do_loopback_cksum = 0\n'
                                        'net.inet.udp.do_loopback_cksum = 0\n'))

    def test_values_match_proc(self):
        with open('/proc/sys/net/ipv4/ip_default_ttl') as f:
            ttl = f.read().strip()
        with open('/proc/sys/net/ipv4/tcp_wmem') as f:
            wmem = f.read().split()[1]
        with open('/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts') as f:
            ignore = int(f.read())
        rc, out, _ = sysctl('-n', 'net.inet.ip.ttl', 'net.inet.tcp.sendspace',
                            'net.inet.icmp.bmcastecho')
        self.assertEqual(out.split(), [ttl, wmem, str(int(not ignore))])

    def test_node_lists_subtree(self):
        rc, out, _ = sysctl('net.inet.udp')
        self.assertEqual([l.split(' = ')[0] for l in out.splitlines()],
                         ['net.inet.udp.do_loopback_cksum', 'net.inet.udp.recvspace',
                          'net.inet.udp.sendspace'])

    def test_equals_format(self):
        rc, out, _ = sysctl('-e', 'net.inet.ip.do_loopback_cksum')
        self.assertEqual(out, 'net.inet.ip.do_loopback_cksum=0\n')

    def test_invalid_names(self):
        cases = {'net.inet.foo': "sysctl: third level name 'foo' in 'net.inet.foo' is invalid",
                 'foo': "sysctl: top level name 'foo' in 'foo' is invalid",
                 'net.inet.ip.ttl.x': "sysctl: fifth level name 'x' in 'net.inet.ip.ttl.x' "
                                      "is invalid",
                 'kern.bar': "sysctl: second level name 'bar' in 'kern.bar' is invalid"}
        for name, msg in cases.items():
            rc, out, err = sysctl(name)
            self.assertEqual((rc, out, err), (1, '', msg))

    def test_other_names_still_processed(self):
        rc, out, err = sysctl('net.inet.foo', 'net.inet.ip.do_loopback_cksum')
        self.assertEqual(rc, 1)
        self.assertEqual(out, 'net.inet.ip.do_loopback_cksum = 0\n')

    def test_linux_names_pass_through(self):
        with open('/proc/sys/net/ipv4/ip_forward') as f:
            v = f.read().strip()
        self.assertEqual(sysctl('net.ipv4.ip_forward')[:2], (0, 'net.ipv4.ip_forward = %s\n' % v))
        rc, _, err = sysctl('net.ipv4')
        self.assertEqual(rc, 1)
        self.assertIn('is a directory', err)

    def test_usage_and_bad_sock(self):
        self.assertEqual(sysctl()[0], 1)
        rc, _, err = sysctl('-w', 'net.inet.ip.ttl')
        self.assertEqual((rc, err), (1, "sysctl: -w needs name=value, got 'net.inet.ip.ttl'"))
        rc, _, err = sysctl('-a', env={'SOCK': 'alt'})
        self.assertEqual(rc, 1)
        self.assertIn("SOCK=alt is not a prefix", err)

    def test_loopback_cksum_refuses_writes(self):
        rc, out, err = sysctl('-w', 'net.inet.tcp.do_loopback_cksum=1')
        self.assertEqual((rc, out), (1, ''))
        self.assertIn('net.inet.tcp.do_loopback_cksum: not supported on Linux', err)


@unittest.skipUnless(can_unshare_net(), 'needs root and unshare -n')
class SysctlWriteTest(unittest.TestCase):
    def test_set_int(self):
        rc, out, err = in_netns('$S -w net.inet.ip.forwarding=1 && '
                                'cat /proc/sys/net/ipv4/ip_forward && $S net.inet.ip.forwarding')
        self.assertEqual((rc, err), (0, ''))
        self.assertEqual(out, 'net.inet.ip.forwarding: 0 -> 1\n1\nnet.inet.ip.forwarding = 1\n')

    def test_set_without_w(self):
        rc, out, err = in_netns('$S net.inet.ip.ttl=99 && cat /proc/sys/net/ipv4/ip_default_ttl')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'^net.inet.ip.ttl: [0-9]+ -> 99\n99\n$')

    def test_set_field_keeps_the_others(self):
        rc, out, err = in_netns('before=$(cat /proc/sys/net/ipv4/tcp_wmem); '
                                '$S -q net.inet.tcp.sendspace=32768 && echo $before && '
                                'cat /proc/sys/net/ipv4/tcp_wmem')
        self.assertEqual(rc, 0, err)
        before, after = out.splitlines()
        b, a = before.split(), after.split()
        self.assertEqual((a[0], a[1], a[2]), (b[0], '32768', b[2]))

    def test_set_inverted(self):
        rc, out, err = in_netns('$S -n -w net.inet.icmp.bmcastecho=1 && '
                                'cat /proc/sys/net/ipv4/icmp_echo_ignore_broadcasts')
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.endswith('-> 1\n0\n'), out)
        rc, _, err = in_netns('$S -w net.inet.icmp.bmcastecho=2')
        self.assertEqual((rc, err), (1, "sysctl: net.inet.icmp.bmcastecho: bad value '2' (0 or 1)"))

    def test_refused_value(self):
        rc, _, err = in_netns('$S -w net.inet.ip.ttl=0')
        self.assertEqual(rc, 1)
        self.assertEqual(err, 'sysctl: net.inet.ip.ttl: cannot set 0: Invalid argument '
                              '(/proc/sys/net/ipv4/ip_default_ttl)')

    def test_linux_name_set(self):
        rc, out, err = in_netns('$S -w net.ipv4.ip_default_ttl=77 && $S -n net.inet.ip.ttl')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'^net.ipv4.ip_default_ttl: [0-9]+ -> 77\n77\n$')


if __name__ == '__main__':
    unittest.main()
