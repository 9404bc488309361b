import type { RateRow } from '../../runner/summarize-run.js';
import { int, ms, pct, usd } from '../../terminal/format.js';
import type { ReportFigures } from '../aggregate.js';
import { mdCell, mdCode } from './escape.js';
import type { RunResult } from '../../results/schema.js';
import { plural } from '../plural.js';

export function rateTable(head: string, unit: string, rows: RateRow[]): string {
  if (rows.length === 0) return `_No ${unit} to show._`;
  return [
    `| ${head} | passed | ${unit} | pass rate |`,
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${mdCell(r.name)} | ${r.passed} | ${r.total} | ${pct(r.passRate)} |`),
  ].join('\n');
}

/** Skipped scorers (judges with no model) show as skipped, never as a pass rate; errors apart. */
export function scorerTable(figures: ReportFigures): string {
  if (figures.byScorer.length === 0) return '_No scores recorded._';
  return [
    '| scorer | passed | scored | pass rate | mean score | errors | skipped | uncertain |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...figures.byScorer.map(
      (r) =>
        `| ${mdCell(r.name)} | ${r.passed} | ${r.total} | ${r.total ? pct(r.passRate) : r.errors ? 'no verdict' : '⏭️ skipped'} | ` +
        `${r.total ? r.meanScore.toFixed(2) : '—'} | ${r.errors || ''} | ${r.skipped || ''} | ${r.uncertain || ''} |`,
    ),
  ].join('\n');
}

/** The run's headline figures as a two-column table. */
export function figuresTable(run: RunResult, figures: ReportFigures): string {
  const f = figures;
  const rows: [string, string][] = [
    [
      'pass rate',
      `${pct(f.passRate)} (${f.passed} of ${f.cases} cases; ${f.failed} failed, ${plural(f.errors, 'error')}${f.judgeErrors ? `; ${plural(f.judgeErrors, 'judge error')}` : ''})`,
    ],
    ['cases · turns', `${f.cases} · ${f.turns}`],
    ['agent', `${mdCell(run.runtime)} · ${mdCell(run.model)}`],
    ['judge', judgeLine(run, f)],
    [
      'cost',
      `${usd(f.costUsd)} (agent ${usd(f.agent.costUsd)}, judge ${usd(f.judge.costUsd)}) · ` +
        `agent ${usd(f.perTurn.agent.costUsd)}/turn, judge ${usd(f.perTurn.judge.costUsd)}/turn`,
    ],
    [
      'tokens',
      `agent ${int(f.agent.inputTokens)} in / ${int(f.agent.outputTokens)} out · ` +
        `judge ${int(f.judge.inputTokens)} in / ${int(f.judge.outputTokens)} out`,
    ],
    ['latency per turn', `p50 ${ms(f.latency.p50)} · p95 ${ms(f.latency.p95)} · max ${ms(f.latency.max)}`],
    ['duration', ms(f.durationMs)],
  ];
  if (f.runPassRate !== null)
    rows.push([
      'pass rate over repeats',
      `${pct(f.runPassRate)}${f.flaky.length ? ` · flaky: ${f.flaky.map(mdCode).join(', ')}` : ''}`,
    ]);
  if (f.stopped) rows.push(['stopped', mdCell(f.stopped)]);
  if (run.gitCommit) rows.push(['commit', mdCode(run.gitCommit.slice(0, 10))]);
  if (run.rubrics.length)
    rows.push([
      'rubrics',
      run.rubrics.map((r) => `${mdCell(r.name)} ${mdCode(r.hash.slice(0, 15))}`).join(', '),
    ]);
  rows.push(['run', mdCode(run.runId)]);
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

export function judgeLine(run: RunResult, f: ReportFigures): string {
  const who = `${mdCell(run.judge.runtime)} · ${mdCell(run.judge.model)} · ${run.judge.samples} sample${run.judge.samples === 1 ? '' : 's'}`;
  switch (f.judges.state) {
    case 'none':
      return `${who} · no judge in this run`;
    case 'skipped':
      return `${who} · ⏭️ **skipped**: ${plural(f.judges.skipped, 'judge score')} could not run (no judge model); not counted as passed`;
    case 'partly-skipped':
      return `${who} · ${f.judges.ran} ran, ⏭️ ${f.judges.skipped} skipped`;
    case 'ran':
      return `${who} · ${f.judges.ran} ran${f.judges.uncertain ? `, ⚠️ ${f.judges.uncertain} uncertain` : ''}`;
  }
}
