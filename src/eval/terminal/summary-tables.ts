import type { RunSummary } from '../runner/summarize-run.js';
import { int, pct, table } from './format.js';

export function overallTable(summary: RunSummary): string {
  const rows: (string | number)[][] = [
    ['cases', summary.cases],
    ['passed', summary.passed],
    ['failed', summary.failed],
    ['errors', summary.errors],
    ['turns', summary.turns],
    ['pass rate', pct(summary.passRate)],
  ];
  if (summary.runPassRate !== null) rows.push(['pass rate over runs', pct(summary.runPassRate)]);
  if (summary.flaky.length) rows.push(['flaky', summary.flaky.join(', ')]);
  if (summary.stopped) rows.push(['stopped', summary.stopped]);
  return table(`Run ${summary.runId}`, ['', 'value'], rows);
}

export function tagTable(summary: RunSummary): string {
  return table(
    'By tag',
    ['tag', 'passed', 'cases', 'pass rate'],
    summary.byTag.map((r) => [r.name, r.passed, r.total, pct(r.passRate)]),
  );
}

/** Skipped runs (judges with no model) are their own column and never count as passed. */
export function scorerTable(summary: RunSummary): string {
  return table(
    'By scorer',
    ['scorer', 'passed', 'scored', 'pass rate', 'mean score', 'skipped', 'uncertain'],
    summary.byScorer.map((r) => [
      r.name,
      r.passed,
      r.total,
      r.total ? pct(r.passRate) : 'skipped',
      r.total ? r.meanScore.toFixed(2) : '—',
      r.skipped ? int(r.skipped) : '',
      r.uncertain ? int(r.uncertain) : '',
    ]),
  );
}
