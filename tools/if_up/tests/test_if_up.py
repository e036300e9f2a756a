# SPDX-License-Identifier: GPL-2.0
"""if_up: readiness rules and time-outs on the host's own interfaces.

Without SOCK and with no io-pkt instance 0, if_up walks the namespace it runs
in; that lets these tests use lo, in a private namespace where root.
"""
import os
import subprocess
import time
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
IF_UP = os.path.join(TOP, 'build', 'bin', 'if_up')


def setUpModule():
    if not os.path.exists(IF_UP):
        subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True,
                       capture_output=True)


def if_up(*args, env=None):
    e = dict(os.environ)
    e.pop('SOCK', None)
    e.update(env or {})
    p = subprocess.run([IF_UP] + list(args), capture_output=True, text=True, env=e)
    return p.returncode, p.stderr.strip()


def can_unshare_net():
    if os.geteuid() != 0 or os.path.exists('/dev/iopkt0'):
        return False
    return subprocess.run(['unshare', '-n', 'true'], capture_output=True).returncode == 0


def in_netns(script):
    p = subprocess.run(['unshare', '-n', 'sh', '-c', script], capture_output=True, text=True,
                       env=dict(os.environ, U=IF_UP))
    return p.returncode, p.stdout, p.stderr.strip()


class IfUpArgsTest(unittest.TestCase):
    def test_usage(self):
        self.assertEqual(if_up()[0], 1)
        self.assertEqual(if_up('-x', 'lo')[0], 1)
        self.assertEqual(if_up('-i', 'lo'), (1, 'if_up: -i needs -6'))
        self.assertEqual(if_up('-r', '0', 'lo'),
                         (1, 'if_up: -r 0: must be a number from 1 to 1000000'))
        rc, err = if_up('x' * 16)
        self.assertEqual(rc, 1)
        self.assertIn('is not an interface name', err)

    def test_bad_sock(self):
        rc, err = if_up('lo', env={'SOCK': 'alt'})
        self.assertEqual(rc, 1)
        self.assertIn('SOCK=alt is not a prefix', err)


@unittest.skipUnless(can_unshare_net(), 'needs root, unshare -n and no io-pkt instance 0')
class IfUpTest(unittest.TestCase):
    def test_present_but_down(self):
        rc, out, err = in_netns('$U -p -r1 lo && $U -r1 lo')
        self.assertEqual(rc, 1)
        self.assertEqual(err, 'if_up: lo is not up after 1 try')

    def test_up_and_configured(self):
        rc, out, err = in_netns('ip link set lo up && $U -r1 lo && $U -l -r1 lo && '
                                '$U -6 -r1 lo')
        self.assertEqual((rc, err), (0, ''))

    def test_ignore_link_local(self):
        rc, out, err = in_netns('ip link set lo up && ip -6 addr flush dev lo && '
                                'ip -6 addr add fe80::1/64 dev lo && '
                                '$U -6 -r1 lo && $U -6 -i -r1 lo')
        if 'RTNETLINK' in err or 'ip:' in err:
            self.skipTest('cannot set up IPv6 on lo: ' + err)
        self.assertEqual(rc, 1)
        self.assertEqual(err, 'if_up: lo has no IPv6 address after 1 try')

    def test_time_out_and_any_versus_all(self):
        t0 = time.monotonic()
        rc, out, err = in_netns('$U -r 3 -m 100 nosuch0')
        elapsed = time.monotonic() - t0
        self.assertEqual((rc, err), (1, 'if_up: nosuch0 is not present after 3 tries'))
        self.assertGreaterEqual(elapsed, 0.2)
        self.assertLess(elapsed, 2)
        rc, out, err = in_netns('$U -p -r 2 -m 10 nosuch0 lo')
        self.assertEqual((rc, err), (0, ''))
        rc, out, err = in_netns('$U -a -p -r 2 -m 10 nosuch0 lo')
        self.assertEqual((rc, err), (1, 'if_up: nosuch0 is not present after 2 tries'))

    def test_waits_for_the_interface(self):
        t0 = time.monotonic()
        rc, out, err = in_netns('($U -r 50 -m 100 lo; echo "rc=$?") & '
                                'sleep 0.5; ip link set lo up; wait')
        elapsed = time.monotonic() - t0
        self.assertEqual(out.strip(), 'rc=0', err)
        self.assertLess(elapsed, 3)


if __name__ == '__main__':
    unittest.main()
