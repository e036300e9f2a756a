# SPDX-License-Identifier: GPL-2.0
"""tools/testing/mutants: its configuration and its one-place replacement.

A mutant whose text is missing or ambiguous must be refused, not applied
somewhere unintended or silently skipped; and every mutant listed in the
real mutants.conf must still apply to the current sources exactly once,
so that a refactoring that moves the code does not leave a mutant that
cannot run.
"""
import importlib.machinery
import importlib.util
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
PATH = os.path.join(TOP, 'tools', 'testing', 'mutants')

loader = importlib.machinery.SourceFileLoader('mutants', PATH)
spec = importlib.util.spec_from_loader('mutants', loader)
mutants = importlib.util.module_from_spec(spec)
loader.exec_module(mutants)


class MutateTest(unittest.TestCase):
    def write(self, text):
        fd, path = tempfile.mkstemp()
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        return path

    def test_once(self):
        p = self.write('a\n\tcall(x);\nb\n')
        self.assertIsNone(mutants.mutate(p, '\tcall(x);', '\t(void)x;'))
        with open(p) as f:
            self.assertEqual(f.read(), 'a\n\t(void)x;\nb\n')

    def test_missing_refused(self):
        p = self.write('a\n')
        self.assertIn('occurs 0 times', mutants.mutate(p, 'zz', 'y'))

    def test_twice_refused(self):
        p = self.write('x;\nx;\n')
        self.assertIn('occurs 2 times', mutants.mutate(p, 'x;', 'y;'))
        with open(p) as f:
            self.assertEqual(f.read(), 'x;\nx;\n')


class ConfTest(unittest.TestCase):
    def test_parse_escapes_and_fields(self):
        fd, path = tempfile.mkstemp()
        with os.fdopen(fd, 'w') as f:
            f.write('# c\n\nname: n\nfile: f\nfrom: a\\n\\tb\nto: c\n'
                    'test: t_kunit\nwhy: w\n')
        self.addCleanup(os.unlink, path)
        (m,) = mutants.parse(path)
        self.assertEqual(m['from'], 'a\n\tb')
        self.assertEqual(m['test'], 't_kunit')

    def test_missing_field_refused(self):
        fd, path = tempfile.mkstemp()
        with os.fdopen(fd, 'w') as f:
            f.write('name: n\nfile: f\n')
        self.addCleanup(os.unlink, path)
        with self.assertRaises(SystemExit):
            mutants.parse(path)

    def test_every_mutant_applies_once(self):
        for m in mutants.parse(mutants.CONF):
            with open(os.path.join(TOP, m['file'])) as f:
                n = f.read().count(m['from'])
            self.assertEqual(n, 1, '%s: %s' % (m['name'], m['file']))

    @staticmethod
    def kbuilds():
        text = ''
        for d, dirs, files in os.walk(TOP):
            dirs[:] = [x for x in dirs if x not in ('build', '.git', '.wip')]
            if 'Kbuild' in files:
                with open(os.path.join(d, 'Kbuild')) as f:
                    text += f.read()
        return text

    def test_tests_exist(self):
        for m in mutants.parse(mutants.CONF):
            t = m['test']
            if t.endswith('_kunit'):
                self.assertIn('obj-m += %s.o' % t, self.kbuilds(), m['name'])
            else:
                self.assertTrue(os.path.exists(os.path.join(
                    TOP, 'tools', 'testing', 'integration', t + '.sh')),
                    m['name'])


if __name__ == '__main__':
    unittest.main()
