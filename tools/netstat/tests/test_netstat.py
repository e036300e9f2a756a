# SPDX-License-Identifier: GPL-2.0
"""Host tests of netstat: the -i table and the -m report (through
tests/ns_test.c), and the refusal of what it does not do."""
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
TEST = os.path.join(TOP, 'build', 'tools', 'netstat', 'ns_test')
NETSTAT = os.path.join(TOP, 'build', 'bin', 'netstat')

MBUFS = (
    'mbufs: in_use 3 peak 40 cached 29 allocs 942 frees 939 cache_hits 800 '
    'cache_misses 12 failures 0 waits 0\n'
    'clusters: in_use 2 peak 30 cached 10 allocs 500 frees 498 cache_hits '
    '400 cache_misses 3 failures 1 waits 2\n'
    'mclbytes 2048 stride 2048 chunk_bytes 32768 per_chunk 13 chunks 4 '
    'free 40 to_linux 7 limit 0\n'
    'm_to_skb zerocopy 120 copy 3\n'
    'skb_to_m zerocopy 200 copy 1\n')


def setUpModule():
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools'), TEST],
                   check=True)


def run(args, stdin=None, rc=0, prog=TEST):
    p = subprocess.run([prog] + args, input=stdin, capture_output=True,
                       text=True)
    if p.returncode != rc:
        raise AssertionError('%s: exit %d: %r %r' % (args, p.returncode,
                                                    p.stdout, p.stderr))
    return p.stdout + p.stderr


class IfTable(unittest.TestCase):
    def test_netbsd_columns(self):
        out = run(['iftable']).splitlines()
        self.assertEqual(out[0], 'Name  Mtu   Network       Address        '
                         '      Ipkts Ierrs    Opkts Oerrs Colls')
        self.assertEqual(out[1], 'sam0  1500  <Link>        00:01:02:03:04:05'
                         '     1443     2      104     1     0')
        self.assertEqual(out[2], 'sam0  1500  10.0.2/24     10.0.2.15        '
                         '     1443     2      104     1     0')
        self.assertTrue(out[3].startswith(
            'sam0  1500  fe80::%sam0/64 fe80::201:2ff:fe03:405%sam0 '))
        # a down interface is starred
        self.assertTrue(out[4].startswith('tap0* 1500  <Link>'))

    def test_bytes_and_drops(self):
        out = run(['iftable', '-b', '-d']).splitlines()
        self.assertEqual(out[0].split(), ['Name', 'Mtu', 'Network', 'Address',
                                          'Ibytes', 'Obytes', 'Drops'])
        self.assertEqual(out[1].split()[-3:], ['123456', '10067', '5'])

    def test_inet6_network(self):
        self.assertEqual(run(['net6', '2001:db8:1:2::5', '64']),
                         '2001:db8:1:2::/64\n')
        self.assertEqual(run(['net6', '2001:db8:ff12::5', '40']),
                         '2001:db8:ff00::/40\n')


class Mbufs(unittest.TestCase):
    def test_report(self):
        self.assertEqual(run(['mbufs'], MBUFS),
                         '3 mbufs in use:\n'
                         '\t3 mbufs allocated to data\n'
                         '\t29 mbufs cached by io-pkt threads\n'
                         '2/52 mbuf clusters in use (current/total)\n'
                         '136 Kbytes allocated to network (3% in use)\n'
                         '1 requests for memory denied\n'
                         '2 requests for memory delayed\n'
                         '0 calls to protocol drain routines\n')

    def test_verbose(self):
        out = run(['mbufs', '-v'], MBUFS)
        self.assertIn('mbuf to sk_buff: 120 without copy, 3 copied\n', out)
        self.assertIn('sk_buff to mbuf: 200 without copy, 1 copied\n', out)
        self.assertIn('clusters: 2048 bytes each, peak 30', out)

    def test_idle(self):
        out = run(['mbufs'], MBUFS.replace('in_use 3', 'in_use 0')
                  .replace('in_use 2', 'in_use 0')
                  .replace('cached 29', 'cached 0'))
        self.assertTrue(out.startswith('0 mbufs in use:\n\t0 mbufs allocated '
                                       'to data\n0/52'))

    def test_garbage(self):
        self.assertEqual(run(['mbufs'], 'nothing here\n', rc=2),
                         'error: unexpected format\n')


class Refusals(unittest.TestCase):
    """The binary itself, for what needs no iopkt instance."""

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(NETSTAT):
            raise unittest.SkipTest('netstat not built (make tools)')

    def test_other_flags(self):
        for flag in ['-r', '-s', '-x']:
            with self.subTest(flag=flag):
                self.assertEqual(
                    run([flag], rc=1, prog=NETSTAT),
                    "netstat: %s: not supported by iopkt's netstat; use "
                    "Linux ss(8)/ip(8)\n" % flag)

    def test_sockets(self):
        self.assertIn("not supported by iopkt's netstat",
                      run([], rc=1, prog=NETSTAT))

    def test_missing_interface(self):
        self.assertIn('-I: needs an interface name',
                      run(['-I'], rc=1, prog=NETSTAT))


if __name__ == '__main__':
    unittest.main()
