# SPDX-License-Identifier: GPL-2.0
"""io-pkt-stop: argument errors, on the host (no iopkt module needed)."""
import os
import subprocess
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
STOP = os.path.join(TOP, 'build', 'bin', 'io-pkt-stop')


def setUpModule():
    if not os.path.exists(STOP):
        subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True,
                       capture_output=True)


def run(*args, env=None):
    e = dict(os.environ)
    e.pop('SOCK', None)
    e.update(env or {})
    p = subprocess.run([STOP] + list(args), capture_output=True, text=True, env=e)
    return p.returncode, p.stderr.strip()


class Args(unittest.TestCase):
    def test_bad_instance_number(self):
        rc, err = run('-i', 'x')
        self.assertEqual(rc, 2)
        self.assertIn('-i x: not an instance number', err)

    def test_negative_instance(self):
        rc, err = run('-i', '-1')
        self.assertEqual(rc, 2)

    def test_extra_argument(self):
        rc, err = run('io-pkt-v4')
        self.assertEqual(rc, 2)
        self.assertIn('usage:', err)

    def test_bad_sock(self):
        rc, err = run(env={'SOCK': 'alt'})
        self.assertEqual(rc, 1)
        self.assertIn("SOCK=alt is not a prefix", err)


if __name__ == '__main__':
    unittest.main()
