// Prints one closing line a CI log reader understands: `vitest: N passed, N failed`
// (and `, N skipped` when some were). The default reporter still prints the details.

import type { Reporter } from 'vitest/reporters';

interface Task {
  type: string;
  mode?: string;
  result?: { state?: string };
  tasks?: Task[];
}

/** Adds up the tests under `tasks`; returns how many failed there. */
function count(tasks: readonly Task[], totals: { passed: number; failed: number; skipped: number }): number {
  let failed = 0;
  for (const task of tasks) {
    if (task.type === 'test') {
      const state = task.result?.state;
      if (state === 'pass') totals.passed++;
      else if (state === 'fail') (totals.failed++, failed++);
      else totals.skipped++;
    } else if (task.tasks) {
      failed += count(task.tasks, totals);
    }
  }
  return failed;
}

export default class SummaryReporter implements Reporter {
  onFinished(files: readonly Task[] = [], errors: readonly unknown[] = []): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const file of files) {
      // A file that failed with no failing test (an error in beforeAll, a file that
      // did not load) still fails the run: count it once.
      if (count([file], totals) === 0 && file.result?.state === 'fail') totals.failed++;
    }
    if (totals.failed === 0) totals.failed += errors.length;
    const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
    process.stdout.write(`\nvitest: ${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
  }
}
