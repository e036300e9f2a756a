#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the host-side unit tests; the last line is "host: N passed, N failed"."""
import os
import sys
import unittest

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.abspath(os.path.join(here, '..', '..', '..'))
loader = unittest.TestLoader()
suite = unittest.TestSuite()
for d in [here] + sys.argv[1:]:
    suite.addTests(loader.discover(d, pattern='test_*.py', top_level_dir=d))
res = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
bad = len(res.failures) + len(res.errors) + len(res.unexpectedSuccesses)
print('host: %d passed, %d failed' % (res.testsRun - bad - len(res.skipped), bad))
sys.exit(1 if bad or res.testsRun == 0 else 0)
