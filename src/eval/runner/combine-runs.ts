import type { CaseOutcome } from '../results/schema.js';
import type { CaseRun } from './run-case.js';

/**
 * One case's outcome over its runs. With --repeat a case passes only when every run passed
 * (a flaky case is not a passing one); the turns shown are those of the first run that did not
 * pass, the one worth reading, else of the first run. The score is the mean over runs.
 */
export function combineRuns(runs: CaseRun[], repeated: boolean): CaseOutcome {
  const first = runs[0];
  if (!first) throw new RangeError('combineRuns needs at least one run');
  if (!repeated) return { ...first, repeats: null };
  const passed = runs.filter((r) => r.status === 'passed').length;
  const shown = runs.find((r) => r.status !== 'passed') ?? first;
  const mean = (pick: (r: CaseRun) => number) => runs.reduce((n, r) => n + pick(r), 0) / runs.length;
  return {
    ...shown,
    score: mean((r) => r.score),
    latencyMs: Math.round(mean((r) => r.latencyMs)),
    repeats: { runs: runs.length, passed, flaky: passed > 0 && passed < runs.length },
  };
}
