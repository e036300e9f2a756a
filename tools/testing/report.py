#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the files a guest test run left behind into results.

report.py OUTDIR [CONSOLE_LOG]

OUTDIR is the directory guest-tests wrote (kunit/, integration/, kmemleak,
dmesg-*). Prints one line per test case, details for failures, and returns
(passed, failed) counts as the last line "N passed, N failed".
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT_RE = re.compile(r'^(?P<indent>\s*)(?P<nok>not )?ok (?P<num>\d+)\s+(?:- )?'
                       r'(?P<name>[^#]*?)\s*(?:#\s*(?P<directive>.*))?$')
PLAN_RE = re.compile(r'^\s*1\.\.(\d+)\s*$')
SUBTEST_RE = re.compile(r'^\s*# Subtest: (\S+)')


def load_patterns(path=os.path.join(HERE, 'report-patterns')):
    pats = []
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                pats.append(re.compile(line))
    return pats


def find_reports(text, patterns):
    """Lines of a kernel log that are sanitizer/WARN/BUG reports."""
    out = []
    for line in text.splitlines():
        if any(p.search(line) for p in patterns):
            out.append(line.strip())
    return out


def parse_kunit_suite(text):
    """Parse one KUnit debugfs 'results' file.

    Returns (suite_name, [(case, status, detail_lines)]) where status is
    'ok', 'fail' or 'skip'. Cases announced by the plan but without a result
    line (a log cut short, a crash) are reported as failures.
    """
    lines = text.splitlines()
    suite = None
    plan = None
    cases = []
    detail = []
    suite_ok = None
    for line in lines:
        m = SUBTEST_RE.match(line)
        if m and suite is None:
            suite = m.group(1)
            continue
        m = PLAN_RE.match(line)
        if m and line.startswith('    ') and not line.startswith('        '):
            plan = int(m.group(1))
            continue
        m = RESULT_RE.match(line)
        if m:
            depth = len(m.group('indent').expandtabs())
            directive = (m.group('directive') or '').strip()
            if depth == 4:
                if m.group('nok'):
                    status = 'fail'
                elif directive.upper().startswith('SKIP'):
                    status = 'skip'
                else:
                    status = 'ok'
                cases.append((m.group('name').strip(), status, detail))
                detail = []
            elif depth == 0 and suite is not None and \
                    m.group('name').strip() == suite:
                suite_ok = not m.group('nok')
            continue
        text = line.strip()
        if text and not text.startswith('KTAP version') and \
                not (text.startswith('# ') and ('pass:' in text or
                                                'Totals:' in text)):
            detail.append(text)
    if plan is not None and len(cases) < plan:
        for i in range(len(cases), plan):
            cases.append(('case %d' % (i + 1), 'fail',
                          ['no result reported (log truncated or crash)']))
    if suite_ok is False and all(s != 'fail' for _, s, _ in cases):
        cases.append(('(suite)', 'fail', ['suite reported not ok']))
    return suite, cases


TS_RE = re.compile(r'^\[\s*\d+\.\d+\] ?')


def suite_from_dmesg(dmesg, suite):
    """The KTAP block of @suite from a kernel log (timestamps stripped).

    KUnit 6.1 keeps only 512 bytes of log per case in debugfs; the kernel
    log has everything, so it stands in when the debugfs copy is short.
    """
    lines = [TS_RE.sub('', l) for l in dmesg.splitlines()]
    out, inside = [], False
    for line in lines:
        if SUBTEST_RE.match(line) and line.strip().endswith(' ' + suite):
            inside = True
            out = ['KTAP version 1', '1..1', '    KTAP version 1',
                   '    # Subtest: ' + suite]
            continue
        if inside:
            out.append(line)
            m = RESULT_RE.match(line)
            if m and not m.group('indent') and \
                    m.group('name').strip() == suite:
                return '\n'.join(out) + '\n'
    return None


def read(path, default=''):
    try:
        with open(path, errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return default


class Results:
    def __init__(self, out=sys.stdout):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.out = out

    def add(self, group, name, status, detail=()):
        if status == 'ok':
            self.passed += 1
            word = 'ok'
        elif status == 'skip':
            self.skipped += 1
            word = 'skip'
        else:
            self.failed += 1
            word = 'FAIL'
        print('  %-4s %s: %s' % (word, group, name), file=self.out)
        if status == 'fail':
            for d in list(detail)[:40]:
                print('         | ' + d, file=self.out)

    def summary(self):
        return '%d passed, %d failed' % (self.passed, self.failed)


def report_kunit(res, outdir, patterns):
    kdir = os.path.join(outdir, 'kunit')
    if not os.path.isdir(kdir):
        return
    for mod in sorted(os.listdir(kdir)):
        mdir = os.path.join(kdir, mod)
        print('[kunit module %s]' % mod, file=res.out)
        load_rc = read(os.path.join(mdir, 'load.rc'), 'missing').strip()
        if load_rc != '0':
            res.add(mod, 'load', 'fail',
                    ['modprobe exit status %s' % load_rc] +
                    read(os.path.join(mdir, 'load.log')).splitlines())
        suites = sorted(f for f in os.listdir(mdir) if f.endswith('.ktap'))
        if load_rc == '0' and not suites:
            res.add(mod, 'suites', 'fail', ['module ran no KUnit suite'])
        for f in suites:
            suite, cases = parse_kunit_suite(read(os.path.join(mdir, f)))
            suite = suite or f[:-5]
            if any(d == ['no result reported (log truncated or crash)']
                   for _, _, d in cases):
                text = suite_from_dmesg(read(os.path.join(mdir, 'dmesg')),
                                        suite)
                if text:
                    _, cases = parse_kunit_suite(text)
            if not cases:
                res.add(suite, '(no cases)', 'fail',
                        ['suite reported no test case'])
            for name, status, detail in cases:
                res.add(suite, name, status, detail)
        unload_rc = read(os.path.join(mdir, 'unload.rc'), '0').strip()
        if unload_rc != '0':
            res.add(mod, 'unload', 'fail',
                    ['modprobe -r exit status %s' % unload_rc])
        report_sanitizers(res, mod, mdir, patterns)


def report_sanitizers(res, name, tdir, patterns):
    """A test's own kernel log and kmemleak scan must be free of reports."""
    reports = find_reports(read(os.path.join(tdir, 'dmesg')), patterns)
    leaks = read(os.path.join(tdir, 'kmemleak')).strip()
    if reports:
        res.add(name, 'kernel reports', 'fail', reports)
    if leaks:
        res.add(name, 'kmemleak', 'fail', leaks.splitlines())


def report_integration(res, outdir, patterns):
    idir = os.path.join(outdir, 'integration')
    if not os.path.isdir(idir):
        return
    print('[integration]', file=res.out)
    for t in sorted(os.listdir(idir)):
        tdir = os.path.join(idir, t)
        rc = read(os.path.join(tdir, 'rc'), 'missing').strip()
        log = read(os.path.join(tdir, 'log')).splitlines()
        if rc == '0':
            res.add('integration', t, 'ok')
        elif rc == '77':
            res.add('integration', t, 'skip')
        else:
            res.add('integration', t, 'fail',
                    ['exit status %s' % rc] + log[-30:])
        report_sanitizers(res, t, tdir, patterns)


def report_global(res, outdir, console, patterns):
    """Whole-run gates: boot log, final kmemleak scan, the console log."""
    print('[whole run]', file=res.out)
    boot = find_reports(read(os.path.join(outdir, 'dmesg-boot')) +
                        read(os.path.join(outdir, 'dmesg-final')), patterns)
    res.add('run', 'kernel log outside tests clean', 'fail' if boot else 'ok',
            boot)
    leaks = read(os.path.join(outdir, 'kmemleak'), None)
    if leaks is None:
        res.add('run', 'final kmemleak scan', 'fail',
                ['no kmemleak scan result (guest did not finish?)'])
    else:
        leaks = leaks.strip()
        res.add('run', 'final kmemleak scan', 'fail' if leaks else 'ok',
                leaks.splitlines())
    if console is not None:
        found = find_reports(read(console), patterns)
        res.add('run', 'console log clean', 'fail' if found else 'ok', found)
    done = read(os.path.join(outdir, 'done')).strip()
    res.add('run', 'guest test runner finished',
            'ok' if done == 'yes' else 'fail',
            ['guest-tests did not finish (crash, hang or timeout)'])


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[1]
    console = argv[2] if len(argv) > 2 else None
    patterns = load_patterns()
    res = Results()
    report_kunit(res, outdir, patterns)
    report_integration(res, outdir, patterns)
    report_global(res, outdir, console, patterns)
    print(res.summary())
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
