// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed" (", N skipped" when any was).
// Every test is counted: one left unrun because a hook failed ("before all" stops its whole suite) counts as failed,
// and so does a skipped one (the project has none on purpose: a skip must never look green). Both make the run exit
// non-zero, and their titles are listed above the closing line.
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

/** At most this many titles of unrun or skipped tests are listed; the counts are always complete. */
const MAX_LISTED = 20;

/** Every test under a suite, depth first. */
function testsOf(suite) {
  return [...suite.tests, ...suite.suites.flatMap(testsOf)];
}

class CountingReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    let planned = 0;
    const failedTests = new Set();
    let hookFailures = 0;
    runner.once(EVENT_RUN_BEGIN, () => {
      // After `.only` and --grep filtering: the number of tests this run is meant to run.
      planned = runner.grepTotal(runner.suite);
    });
    runner.on(EVENT_TEST_FAIL, (runnable) => {
      if (runnable.type === 'hook') hookFailures += 1;
      else failedTests.add(runnable);
    });
    // Registered before the runner's own "end" listener, which hands runner.failures to Mocha as its exit code.
    runner.once(EVENT_RUN_END, () => {
      const passes = runner.stats?.passes ?? 0;
      const skipped = runner.stats?.pending ?? 0;
      const unrun = Math.max(0, planned - passes - failedTests.size - skipped);
      const failed = failedTests.size + hookFailures + unrun + skipped;
      runner.failures += unrun + skipped;
      const all = testsOf(runner.suite).filter((t) => selected(runner, t));
      // Printed after the spec summary so it is the last line of the run.
      process.nextTick(() => {
        const lines = [];
        if (unrun > 0) {
          lines.push(`${unrun} not run because a hook failed (counted as failed):`, ...listed(all.filter((t) => t.state === undefined && !t.isPending())));
        }
        if (skipped > 0) lines.push(`${skipped} skipped (counted as failed: no test may be skipped):`, ...listed(all.filter((t) => t.isPending())));
        const details = lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
        process.stdout.write(`${details}\n${passes} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
      });
    });
  }
}

/** Whether --grep (and --invert) selects the test; mocha keeps the pattern on the runner. */
function selected(runner, test) {
  const grep = runner._grep;
  if (!(grep instanceof RegExp)) return true;
  return grep.test(test.fullTitle()) !== Boolean(runner._invert);
}

function listed(tests) {
  const titles = tests.slice(0, MAX_LISTED).map((t) => `  - ${t.fullTitle()}`);
  if (tests.length > MAX_LISTED) titles.push(`  … and ${tests.length - MAX_LISTED} more`);
  return titles;
}

module.exports = CountingReporter;
