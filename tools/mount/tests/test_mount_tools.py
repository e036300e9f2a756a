# SPDX-License-Identifier: GPL-2.0
"""io-pkt-mount and mount.io-pkt: syntax, types, targets, without a kernel.

Paths that would load a module are not exercised (the guest tests do that).
"""
import os
import subprocess
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'bin')


def setUpModule():
    if not os.path.exists(os.path.join(BIN, 'mount.io-pkt')):
        subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True,
                       capture_output=True)


def run(prog, *args, **kw):
    p = subprocess.run([os.path.join(BIN, prog)] + list(args), capture_output=True,
                       text=True, **kw)
    return p.returncode, p.stderr.strip()


class IoPktMountTest(unittest.TestCase):
    def test_usage(self):
        for args in ([], ['a', 'b'], ['-x', 'devnp-sam.so']):
            rc, err = run('io-pkt-mount', *args)
            self.assertEqual(rc, 1, args)
            self.assertIn('usage: io-pkt-mount [-T io-pkt|io-pktN]', err)

    def test_bad_type(self):
        rc, err = run('io-pkt-mount', '-T', 'nfs', 'devnp-sam.so')
        self.assertEqual((rc, err), (1, "io-pkt-mount: unknown mount type 'nfs': use io-pkt "
                                        "(the stack SOCK selects) or io-pktN (instance N)"))
        rc, err = run('io-pkt-mount', '-Tio-pktx', 'devnp-sam.so')
        self.assertEqual(rc, 1)

    def test_module_needs_its_prefix(self):
        rc, err = run('io-pkt-mount', '-Tio-pkt1', 'sam')
        self.assertEqual((rc, err), (1, 'io-pkt-mount: cannot tell the module type of sam: '
                                        'name it devnp-*.ko or lsm-*.ko'))
        rc, err = run('io-pkt-mount', 'devn-ne2000.so')
        self.assertIn('io-net driver', err)


class MountHelperTest(unittest.TestCase):
    def test_usage(self):
        rc, err = run('mount.io-pkt', 'devnp-sam.so')
        self.assertEqual(rc, 1)
        self.assertIn('usage: mount.io-pkt module /dev/iopktN', err)

    def test_target_must_name_an_instance(self):
        rc, err = run('mount.io-pkt', 'devnp-sam.so', '/mnt', '-o', 'rw')
        self.assertEqual(rc, 1)
        self.assertIn("'/mnt' is not an io-pkt instance", err)
        rc, err = run('mount.io-pkt', 'devnp-sam.so', '/dev/iopktx')
        self.assertEqual(rc, 1)

    def test_fake(self):
        self.assertEqual(run('mount.io-pkt', 'devnp-sam.so', '/dev/iopkt3', '-f', '-o', 'rw'),
                         (0, ''))
        self.assertEqual(run('mount.io-pkt', '-f', 'lsm-qnet.so', 'io-pkt'), (0, ''))

    @unittest.skipUnless(os.geteuid() == 0 and os.path.exists('/usr/bin/unshare'),
                         'needs root and unshare for a private mount namespace')
    def test_util_linux_mount_runs_the_helper(self):
        # In a private mount namespace, put a copy of the sbin directory with
        # our helper over the real one and check that mount(8) runs it with
        # SOURCE TARGET -o OPTIONS.
        sbin = os.path.realpath('/sbin')
        with tempfile.TemporaryDirectory() as d:
            for f in os.listdir(sbin):
                os.symlink(os.path.join(sbin, f), os.path.join(d, f))
            helper = os.path.join(d, 'mount.io-pkt')
            if os.path.lexists(helper):
                os.unlink(helper)
            os.symlink(os.path.join(BIN, 'mount.io-pkt'), helper)
            script = ('mount --make-rprivate / && mount --bind %s %s && '
                      'mount -t io-pkt -o mac=1 devnp-sam.so /mnt' % (d, sbin))
            p = subprocess.run(['unshare', '-m', 'sh', '-c', script], capture_output=True,
                               text=True)
        if 'mount --bind' in p.stderr or 'unshare:' in p.stderr:
            self.skipTest('no private mount namespace here: ' + p.stderr.strip())
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("mount.io-pkt: '/mnt' is not an io-pkt instance", p.stderr)


if __name__ == '__main__':
    unittest.main()
