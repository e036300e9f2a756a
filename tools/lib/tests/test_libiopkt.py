# SPDX-License-Identifier: GPL-2.0
"""libiopkt's pure helpers: module names, module search, SOCK, mount types."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.dirname(HERE)
TOP = os.path.abspath(os.path.join(LIB, '..', '..'))
DRIVER, LSM = 0, 1


class LibTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='libiopkt-test-')
        cls.unit = os.path.join(cls.tmp, 'unit')
        srcs = [os.path.join(HERE, 'unit.c')] + sorted(glob.glob(os.path.join(LIB, '*.c')))
        cmd = [os.environ.get('CC', 'cc'), '-O2', '-Wall', '-Wextra', '-Werror',
               '-std=gnu11', '-D_GNU_SOURCE', '-I' + os.path.join(TOP, 'include', 'uapi'),
               '-o', cls.unit] + srcs + ['-lmnl']
        subprocess.run(cmd, check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def run_unit(self, *args):
        p = subprocess.run([self.unit] + list(args), capture_output=True, text=True)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        return p.returncode, p.stdout.strip()

    def names(self, spec, kind=-1):
        rc, out = self.run_unit('names', spec, str(kind))
        if rc:
            return out
        return dict(kv.split('=', 1) for kv in out.split())

    # module names
    def test_bare_driver_name(self):
        n = self.names('sam', DRIVER)
        self.assertEqual((n['kind'], n['path'], n['file'], n['stem'], n['modname'], n['entry']),
                         ('0', '0', 'devnp-sam.ko', 'devnp-sam', 'devnp_sam', 'sam'))

    def test_bare_lsm_name(self):
        n = self.names('qnet', LSM)
        self.assertEqual((n['file'], n['entry'], n['kind']), ('lsm-qnet.ko', 'qnet', '1'))

    def test_qnx_so_suffix_maps_to_ko(self):
        n = self.names('devnp-i82544.so', DRIVER)
        self.assertEqual((n['file'], n['entry']), ('devnp-i82544.ko', 'i82544'))
        n = self.names('lsm-pf-v4.so', -1)
        self.assertEqual((n['file'], n['entry'], n['kind'], n['modname']),
                         ('lsm-pf-v4.ko', 'pf-v4', '1', 'lsm_pf_v4'))

    def test_kind_inferred_from_prefix(self):
        self.assertEqual(self.names('devnp-sam.ko')['kind'], '0')
        self.assertEqual(self.names('lsm-pfil.ko')['entry'], 'pfil')
        self.assertEqual(self.names('lsm-pfil.ko')['kind'], '1')

    def test_kind_not_inferable(self):
        self.assertEqual(self.names('sam'),
                         'error: cannot tell the module type of sam: name it devnp-*.ko or lsm-*.ko')
        self.assertIn('cannot tell the module type', self.names('/tmp/foo.ko'))

    def test_kind_mismatch(self):
        self.assertEqual(self.names('lsm-qnet.so', DRIVER),
                         'error: lsm-qnet.so is a protocol module (lsm-*), not a driver (devnp-*)')
        self.assertIn('is a driver (devnp-*), not a protocol module', self.names('devnp-sam', LSM))

    def test_path_taken_as_given(self):
        n = self.names('/lib/dll/devnp-i82544.so', -1)
        self.assertEqual((n['path'], n['file'], n['entry']),
                         ('1', '/lib/dll/devnp-i82544.ko', 'i82544'))
        n = self.names('./build/devnp-sam.ko', -1)
        self.assertEqual((n['file'], n['entry']), ('./build/devnp-sam.ko', 'sam'))
        n = self.names('/x/mydrv.ko', DRIVER)
        self.assertEqual((n['file'], n['entry'], n['modname']), ('/x/mydrv.ko', 'mydrv', 'mydrv'))

    def test_bad_specs(self):
        self.assertIn('is a directory', self.names('/lib/dll/', DRIVER))
        self.assertIn('names no module', self.names('devnp-.so', -1))
        self.assertIn('io-net driver', self.names('devn-ne2000.so', -1))
        self.assertIn('empty module name', self.names('', DRIVER))

    # module search
    def test_search_order(self):
        d = tempfile.mkdtemp(dir=self.tmp)
        a, b, mods = (os.path.join(d, x) for x in ('a', 'b', 'mods'))
        for x in (a, b, os.path.join(mods, 'extra')):
            os.makedirs(x)
        for x in (b, os.path.join(mods, 'extra')):
            open(os.path.join(x, 'devnp-sam.ko'), 'w').close()
        os.makedirs(os.path.join(a, 'devnp-sam.ko'))   # a directory is not a module
        rc, out = self.run_unit('search', 'devnp-sam.ko', '::%s:%s' % (a, b), mods)
        self.assertEqual((rc, out), (0, os.path.join(b, 'devnp-sam.ko')))
        rc, out = self.run_unit('search', 'devnp-sam.ko', a, mods)
        self.assertEqual((rc, out), (0, os.path.join(mods, 'extra', 'devnp-sam.ko')))
        rc, out = self.run_unit('search', 'devnp-sam.ko', '', mods)
        self.assertEqual((rc, out), (0, os.path.join(mods, 'extra', 'devnp-sam.ko')))

    def test_search_not_found(self):
        rc, out = self.run_unit('search', 'devnp-foo.ko', '/nonexistent:/also', '/nomods')
        self.assertEqual(rc, 1)
        self.assertEqual(out, 'error: devnp-foo.ko not found in IOPKT_MODULE_PATH '
                         '(/nonexistent:/also) or /nomods/extra')
        rc, out = self.run_unit('search', 'devnp-foo.ko', '', '/nomods')
        self.assertEqual(out, 'error: devnp-foo.ko not found in IOPKT_MODULE_PATH (unset) '
                         'or /nomods/extra')

    # SOCK
    def test_sock(self):
        self.assertEqual(self.run_unit('sock', '-'), (0, '0'))
        self.assertEqual(self.run_unit('sock', ''), (0, '0'))
        self.assertEqual(self.run_unit('sock', '/'), (0, '0'))
        self.assertEqual(self.run_unit('sock', '/alt'), (0, '1 /alt'))
        self.assertEqual(self.run_unit('sock', '/alt//'), (0, '1 /alt'))
        rc, out = self.run_unit('sock', 'alt')
        self.assertEqual((rc, out), (1, "error: SOCK=alt is not a prefix: it must start with '/' "
                                        "(e.g. SOCK=/alt)"))
        rc, out = self.run_unit('sock', '/' + 'x' * 80)
        self.assertEqual(rc, 1)
        self.assertIn('too long', out)

    def test_option_prefix(self):
        self.assertEqual(self.run_unit('optprefix', 'forward,prefix=/alt,mclbytes=4096')[1], '1 /alt')
        self.assertEqual(self.run_unit('optprefix', 'prefix=/a,prefix=/b/')[1], '1 /b')
        self.assertEqual(self.run_unit('optprefix', 'forward')[1], '0')
        self.assertEqual(self.run_unit('optprefix', 'prefix=/')[1], '0')
        self.assertEqual(self.run_unit('optprefix', 'noprefix=/x')[1], '0')

    def test_option_has(self):
        self.assertEqual(self.run_unit('opthas', 'prefix=/a,forward', 'forward')[1], '1')
        self.assertEqual(self.run_unit('opthas', 'forward6', 'forward')[1], '0')
        self.assertEqual(self.run_unit('opthas', 'forward=1', 'forward')[1], '1')
        self.assertEqual(self.run_unit('opthas', 'noforward,forward6', 'forward6')[1], '1')
        self.assertEqual(self.run_unit('opthas', '', 'forward')[1], '0')

    def test_netns_name(self):
        self.assertEqual(self.run_unit('netns', '/alt'), (0, 'alt'))
        self.assertEqual(self.run_unit('netns', '/a/b/'), (0, 'a_b'))
        self.assertEqual(self.run_unit('netns', '/')[0], 1)

    def test_mount_type(self):
        self.assertEqual(self.run_unit('mounttype', 'io-pkt1'), (0, '1'))
        self.assertEqual(self.run_unit('mounttype', 'io-pkt0'), (0, '0'))
        for t in ('io-pkt', 'io-net', 'tcpip'):
            self.assertEqual(self.run_unit('mounttype', t), (0, '-2'))
        rc, out = self.run_unit('mounttype', 'nfs')
        self.assertEqual(rc, 1)
        self.assertIn("unknown mount type 'nfs'", out)
        self.assertEqual(self.run_unit('mounttype', 'io-pktx')[0], 1)
        self.assertEqual(self.run_unit('mounttype', 'io-pkt-1')[0], 1)

    def test_variant_names(self):
        self.assertEqual([self.run_unit('variant', str(v))[1] for v in range(4)],
                         ['io-pkt-v4', 'io-pkt-v4-hc', 'io-pkt-v6-hc', 'io-pkt-unknown'])

    def test_parse_long(self):
        self.assertEqual(self.run_unit('long', '21', '1', '255'), (0, '21'))
        for bad in ('', '21x', '0', '256', ' 5', '0x10'):
            self.assertEqual(self.run_unit('long', bad, '1', '255')[0], 1, bad)

    def test_drvspec_request(self):
        self.assertEqual(self.run_unit('drvspec', 'bridge0', '9', '24'),
                         (0, 'name=bridge0 cmd=9 len=24 data=1\n'
                             'rc=-25 bridge0: no driver or module takes SIOCGDRVSPEC'))
        self.assertEqual(self.run_unit('drvspec', 'bridge0', '9', '65536')[0], 0)

    def test_drvspec_bad_requests(self):
        rc, out = self.run_unit('drvspec', 'bridge0', '9', '65537')
        self.assertEqual((rc, out), (1, 'error: bridge0: 65537 bytes of request data, at most 65536'))
        rc, out = self.run_unit('drvspec', 'bridge0', '9', 'null')
        self.assertEqual((rc, out), (1, 'error: bridge0: 1 bytes of request data but no buffer'))
        rc, out = self.run_unit('drvspec', 'x' * 16, '9', '4')
        self.assertEqual(rc, 1)
        self.assertIn('interface name too long (at most 15 characters)', out)
        rc, out = self.run_unit('drvspec', '', '9', '4')
        self.assertEqual((rc, out), (1, 'error: no interface name'))


if __name__ == '__main__':
    unittest.main()
