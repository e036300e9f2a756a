# SPDX-License-Identifier: GPL-2.0
"""The stdout contract of kernel-build and the cold-cache path of make.

A fresh machine has an empty kernel cache, so `make run` and `make check`
build the test kernel first, under a parent make. The kernel's make then
prints "make[N]: Entering directory ..." on stdout; a caller that takes
kernel-build's stdout as KDIR got garbage. These tests run the real
scripts and the real top-level Makefile against a fake kernel source
tarball and a fake `make` first on PATH that prints those messages on
stdout (and builds nothing), with an empty IOPKT_CACHE.
"""
import os
import shutil
import subprocess
import tarfile
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
TESTING = os.path.join(TOP, 'tools', 'testing')
REAL_MAKE = shutil.which('make')

# Stands in for both the kernel's make and the module build: noisy on
# stdout as a sub-make is, and it leaves what kernel-build and
# build-modules look for in a built tree.
FAKE_MAKE = r'''#!/bin/bash
echo "make[2]: Entering directory '/fake/$$'"
echo "  CC      fake/noise.o"
echo "fake make: $*" >&2
out= targets=()
for a in "$@"; do
	case $a in
	O=*) out=${a#O=};;
	-*|*=*) ;;
	*) targets+=("$a");;
	esac
done
for t in "${targets[@]}"; do
	case $t in
	bzImage)
		mkdir -p "$out/arch/x86/boot" "$out/include/generated"
		echo fake >"$out/arch/x86/boot/bzImage"
		echo 'all:' >"$out/Makefile"
		echo '#define UTS_RELEASE "6.1.0-fake"' \
			>"$out/include/generated/utsrelease.h";;
	esac
done
echo "make[2]: Leaving directory '/fake/$$'"
'''

# The source tree's merge_config.sh: the fragments become the .config.
FAKE_MERGE = r'''#!/bin/bash
out=
while [ $# -gt 0 ]; do
	case $1 in -m) shift;; -O) out=$2; shift 2;; *) break;; esac
done
shift	# the base .config
cat "$@" | grep -v '=n$' >"$out/.config"
'''


class KernelBuildContract(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='iopkt-kb-')
        fakebin = os.path.join(self.tmp, 'bin')
        os.makedirs(fakebin)
        self._script(os.path.join(fakebin, 'make'), FAKE_MAKE)
        src = os.path.join(self.tmp, 'src', 'linux-source-6.1')
        self._script(os.path.join(src, 'scripts', 'kconfig',
                                  'merge_config.sh'), FAKE_MERGE)
        tarball = os.path.join(self.tmp, 'linux-source-6.1.tar.xz')
        with tarfile.open(tarball, 'w:xz') as t:
            t.add(src, arcname='linux-source-6.1')
        self.cache = os.path.join(self.tmp, 'cache')
        self.env = dict(os.environ,
                        PATH=fakebin + ':' + os.environ['PATH'],
                        IOPKT_CACHE=self.cache,
                        IOPKT_SRC_TARBALL=tarball,
                        IOPKT_SRC_VERSION='6.1.999-fake')
        for k in ('MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES'):
            self.env.pop(k, None)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    @staticmethod
    def _script(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
        os.chmod(path, 0o755)

    def _kernel_dir(self, variant):
        r = subprocess.run(
            ['bash', '-c', '. "$1"; kernel_dir "$2"', 'x',
             os.path.join(TESTING, 'lib.sh'), variant],
            env=self.env, capture_output=True, text=True, check=True)
        return r.stdout.strip()

    def test_cold_build_prints_only_the_path(self):
        env = dict(self.env, MAKEFLAGS='w', MAKELEVEL='1')
        want = self._kernel_dir('debug')
        self.assertTrue(want.startswith(self.cache))
        self.assertFalse(os.path.exists(want))
        r = subprocess.run([os.path.join(TESTING, 'kernel-build'), 'debug'],
                           env=env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, want + '\n')
        # what the fake make printed went to stderr, not lost
        self.assertIn('Entering directory', r.stderr)
        self.assertTrue(os.path.exists(os.path.join(want, '.iopkt-built')))
        # warm: the same single line
        r = subprocess.run([os.path.join(TESTING, 'kernel-build'), 'debug'],
                           env=env, capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stdout), (0, want + '\n'))

    def test_make_modules_cold_under_a_parent_make(self):
        # The README's path: the top-level Makefile (real make, -w prints
        # directories) runs build-modules, which builds the kernel first.
        out = os.path.join(self.tmp, 'modout')
        r = subprocess.run([REAL_MAKE, '-w', '-C', TOP, 'modules',
                            'MODOUT=' + out],
                           env=self.env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(out, '.iopkt-kdir')) as f:
            self.assertEqual(f.read().strip(), self._kernel_dir('debug'))
        self.assertNotIn('is not a kernel build tree', r.stderr)

    def test_failed_build_fails_the_caller(self):
        # No tarball: kernel-build fails and build-modules must say so
        # rather than go on with an empty KDIR.
        env = dict(self.env, IOPKT_SRC_TARBALL=os.path.join(self.tmp, 'no'))
        out = os.path.join(self.tmp, 'modout')
        r = subprocess.run([os.path.join(TESTING, 'build-modules'), '-o', out],
                           env=env, capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('missing', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, '.iopkt-kdir')))


if __name__ == '__main__':
    unittest.main()
