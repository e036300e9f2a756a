# SPDX-License-Identifier: GPL-2.0
"""Host-side unit tests of report.py (the judge of guest test runs)."""
import io
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
import report  # noqa: E402

GOOD = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: iopkt_options
    1..2
    ok 1 opts_all_types
    ok 2 opts_bool_and_flag
ok 1 iopkt_options
"""

FAILING = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: harness
    1..3
    ok 1 passes
    # fails: EXPECTATION FAILED at tools/testing/harness/fail_kunit.c:12
    Expected 1 == 2, but
    not ok 2 fails
    ok 3 skipped # SKIP not today
not ok 1 harness
"""

TRUNCATED = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: cut
    1..3
    ok 1 first
"""

PARAM = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: param
    1..1
        KTAP version 1
        # Subtest: sizes
        ok 1 2048
        not ok 2 4096
    not ok 1 sizes
not ok 1 param
"""


class KtapTest(unittest.TestCase):
    def test_good_suite(self):
        suite, cases = report.parse_kunit_suite(GOOD)
        self.assertEqual(suite, 'iopkt_options')
        self.assertEqual([(n, s) for n, s, _ in cases],
                         [('opts_all_types', 'ok'),
                          ('opts_bool_and_flag', 'ok')])

    def test_failing_case_keeps_diagnostics(self):
        suite, cases = report.parse_kunit_suite(FAILING)
        self.assertEqual([(n, s) for n, s, _ in cases],
                         [('passes', 'ok'), ('fails', 'fail'),
                          ('skipped', 'skip')])
        self.assertIn('EXPECTATION FAILED', ' '.join(cases[1][2]))

    def test_missing_results_are_failures(self):
        _, cases = report.parse_kunit_suite(TRUNCATED)
        self.assertEqual([s for _, s, _ in cases], ['ok', 'fail', 'fail'])

    def test_parameterised_counts_once(self):
        _, cases = report.parse_kunit_suite(PARAM)
        self.assertEqual([(n, s) for n, s, _ in cases], [('sizes', 'fail')])

    def test_suite_not_ok_without_failed_case(self):
        text = GOOD.replace('ok 1 iopkt_options', 'not ok 1 iopkt_options')
        _, cases = report.parse_kunit_suite(text)
        self.assertIn('fail', [s for _, s, _ in cases])


class DmesgFallbackTest(unittest.TestCase):
    DMESG = """[   70.1]     KTAP version 1
[   70.1]     # Subtest: cut
[   70.1]     1..3
[   70.2]     ok 1 first
[   70.3]     # second: EXPECTATION FAILED at x.c:9
[   70.3]     not ok 2 second
[   70.4]     ok 3 third
[   70.4] # cut: pass:2 fail:1 skip:0 total:3
[   70.4] ok 1 cut
"""

    def test_truncated_debugfs_log_recovered_from_dmesg(self):
        with tempfile.TemporaryDirectory() as root:
            mdir = os.path.join(root, 'kunit', 'm_kunit')
            os.makedirs(mdir)
            for name, text in (('load.rc', '0'), ('unload.rc', '0'),
                               ('cut.ktap', TRUNCATED),
                               ('dmesg', self.DMESG)):
                with open(os.path.join(mdir, name), 'w') as f:
                    f.write(text)
            buf = io.StringIO()
            res = report.Results(out=buf)
            report.report_kunit(res, root, report.load_patterns())
            self.assertEqual((res.passed, res.failed), (2, 1))
            self.assertIn('FAIL cut: second', buf.getvalue())
            self.assertIn('EXPECTATION FAILED', buf.getvalue())


class PatternTest(unittest.TestCase):
    pats = report.load_patterns()

    def test_reports_are_found(self):
        lines = [
            '[   12.1] BUG: KASAN: slab-use-after-free in uaf_init+0x4c/0x80',
            '[    3.2] WARNING: possible circular locking dependency detected',
            '[    3.3] WARNING: CPU: 1 PID: 77 at lib/foo.c:12 bar+0x1/0x2',
            '[    4.0] UBSAN: shift-out-of-bounds in drivers/x.c:3:5',
            'unreferenced object 0xffff888003c1e000 (size 64):',
            '[    9.9] kmemleak: 1 new suspected memory leaks (see ...)',
            '[    5.5] BUG: sleeping function called from invalid context',
            '[    6.6] general protection fault, probably for non-canonical',
            '[    7.7] ODEBUG: free active (active state 0) object type: timer_list',
            '[    8.8] INFO: task modprobe:101 blocked for more than 120 seconds.',
        ]
        for line in lines:
            self.assertEqual(report.find_reports(line, self.pats),
                             [line.strip()], line)

    def test_normal_lines_pass(self):
        text = '\n'.join([
            '[    0.0] Linux version 6.1.192-iopkt',
            '    ok 1 opts_all_types',
            '[    1.0] iopkt: io-pkt core 0.1.0 loaded',
            '[    2.0] e1000: Intel(R) PRO/1000 Network Driver',
            '[    2.5] kmemleak: Kernel memory leak detector initialized',
        ])
        self.assertEqual(report.find_reports(text, self.pats), [])


class OutdirTest(unittest.TestCase):
    def make_run(self, root, ktap, dmesg='', leaks='', done='yes'):
        mdir = os.path.join(root, 'kunit', 'mod_kunit')
        os.makedirs(mdir)
        for name, text in (('load.rc', '0\n'), ('unload.rc', '0\n'),
                           ('s.ktap', ktap), ('dmesg', dmesg)):
            with open(os.path.join(mdir, name), 'w') as f:
                f.write(text)
        for name, text in (('kmemleak', leaks), ('done', done),
                           ('dmesg-boot', '')):
            with open(os.path.join(root, name), 'w') as f:
                f.write(text)

    def run_report(self, root):
        buf = io.StringIO()
        res = report.Results(out=buf)
        pats = report.load_patterns()
        report.report_kunit(res, root, pats)
        report.report_integration(res, root, pats)
        report.report_global(res, root, None, pats)
        return res, buf.getvalue()

    def test_clean_run(self):
        with tempfile.TemporaryDirectory() as root:
            self.make_run(root, GOOD)
            res, _ = self.run_report(root)
            self.assertEqual((res.passed, res.failed), (2 + 3, 0))

    def test_kasan_in_module_log_fails_module(self):
        with tempfile.TemporaryDirectory() as root:
            self.make_run(root, GOOD, dmesg='BUG: KASAN: use-after-free\n')
            res, text = self.run_report(root)
            self.assertEqual(res.failed, 1)
            self.assertIn('FAIL mod_kunit: kernel reports', text)

    def test_leak_and_unfinished_run_fail(self):
        with tempfile.TemporaryDirectory() as root:
            self.make_run(root, GOOD, leaks='unreferenced object 0x1\n',
                          done='')
            res, _ = self.run_report(root)
            self.assertEqual(res.failed, 2)


if __name__ == '__main__':
    unittest.main()
