# SPDX-License-Identifier: GPL-2.0
"""io-pkt-v4/-v4-hc/-v6-hc: command line and variant, without a kernel.

Only paths that stop before anything is loaded are exercised here: loading
iopkt.ko and starting instances is for the guest's integration tests.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'bin')


def setUpModule():
    if not os.path.exists(os.path.join(BIN, 'io-pkt-v4')):
        subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True,
                       capture_output=True)


def run(prog, *args):
    p = subprocess.run([os.path.join(BIN, prog)] + list(args), capture_output=True, text=True)
    return p.returncode, p.stderr


class IoPktTest(unittest.TestCase):
    def test_three_names_one_program(self):
        for name in ('io-pkt-v4', 'io-pkt-v4-hc', 'io-pkt-v6-hc'):
            rc, err = run(name, '-x')
            self.assertEqual(rc, 1)
            self.assertIn('%s: unknown option -x' % name, err)
            self.assertIn('usage: %s [-d driver [driver_options]]' % name, err)

    def test_unknown_program_name(self):
        d = tempfile.mkdtemp()
        try:
            shutil.copy(os.path.join(BIN, 'io-pkt-v6-hc'), os.path.join(d, 'io-pkt-v5'))
            p = subprocess.run([os.path.join(d, 'io-pkt-v5')], capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn('cannot tell the stack variant from the program name', p.stderr)
        finally:
            shutil.rmtree(d)

    def test_missing_argument(self):
        for opt in ('-d', '-i', '-P', '-p', '-t'):
            rc, err = run('io-pkt-v4', opt)
            self.assertEqual(rc, 1)
            self.assertIn('option %s needs an argument' % opt, err)

    def test_bad_numbers(self):
        cases = [(['-i', 'x'], '-i x: must be a number from 0 to'),
                 (['-i-1'], '-i -1: must be a number from 0 to'),
                 (['-P', '0'], '-P 0: must be a number from 1 to 255'),
                 (['-P256'], '-P 256: must be a number from 1 to 255'),
                 (['-t', '0'], '-t 0: must be a number from 1 to 64'),
                 (['-t65'], '-t 65: must be a number from 1 to 64'),
                 (['-vt', '2x'], '-t 2x: must be a number')]
        for args, msg in cases:
            rc, err = run('io-pkt-v4-hc', *args)
            self.assertEqual(rc, 1, args)
            self.assertIn(msg, err, args)

    def test_stray_word(self):
        # an option string must follow -d/-p: a second word is an error
        rc, err = run('io-pkt-v4', '-d', 'sam', 'a=1', 'b=2')
        self.assertEqual(rc, 1)
        self.assertIn("unexpected argument 'b=2'", err)

    def test_help(self):
        p = subprocess.run([os.path.join(BIN, 'io-pkt-v6-hc'), '-h'], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0)
        self.assertIn('usage: io-pkt-v6-hc', p.stdout)


if __name__ == '__main__':
    unittest.main()
