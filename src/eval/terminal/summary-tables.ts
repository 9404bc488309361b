import type { RunSummary } from '../runner/summarize-run.js';
import { int, pct, table } from './format.js';

export function overallTable(summary: RunSummary): string {
  const rows: (string | number)[][] = [
    ['cases', summary.cases],
    ['passed', summary.passed],
    ['failed', summary.failed],
    ['errors (cases crashed)', summary.errors],
    ['turns', summary.turns],
    ['pass rate', pct(summary.passRate)],
  ];
  if (summary.judgeErrors || summary.judgeVerdicts) {
    rows.push(['judge verdicts', summary.judgeVerdicts]);
    rows.push(['judge errors (no verdict)', summary.judgeErrors]);
  }
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

/**
 * Skipped runs (judges with no model) and errors (no verdict) are their own columns and never
 * count as passed or as scored.
 */
export function scorerTable(summary: RunSummary): string {
  return table(
    'By scorer',
    ['scorer', 'passed', 'scored', 'pass rate', 'mean score', 'errors', 'skipped', 'uncertain'],
    summary.byScorer.map((r) => [
      r.name,
      r.passed,
      r.total,
      r.total ? pct(r.passRate) : r.errors ? 'no verdict' : 'skipped',
      r.total ? r.meanScore.toFixed(2) : '—',
      r.errors ? int(r.errors) : '',
      r.skipped ? int(r.skipped) : '',
      r.uncertain ? int(r.uncertain) : '',
    ]),
  );
}
