import { plural } from '../reports/plural.js';
import type { RateRow, RunSummary } from '../runner/summarize-run.js';
import { wrapWords } from './fit-text.js';
import { int, pct, table } from './format.js';
import type { TerminalLayout } from './terminal-layout.js';

/** Tags shown without --verbose: the worst ones, where the work is. */
export const WORST_TAGS_SHOWN = 8;

export function overallTable(summary: RunSummary, layout: TerminalLayout): string {
  const { style } = layout;
  const bad = (n: number) => (n ? style.fail(String(n)) : n);
  const rows: (string | number)[][] = [
    ['cases', summary.cases],
    ['passed', summary.passed],
    ['failed', bad(summary.failed)],
    ['errors (cases crashed)', bad(summary.errors)],
    ['turns', summary.turns],
    ['pass rate', rateCell(summary.passRate, layout)],
  ];
  if (summary.judgeErrors || summary.judgeVerdicts) {
    rows.push(['judge verdicts', summary.judgeVerdicts]);
    rows.push(['judge errors (no verdict)', bad(summary.judgeErrors)]);
  }
  if (summary.runPassRate !== null) rows.push(['pass rate over runs', rateCell(summary.runPassRate, layout)]);
  // Sentences, not figures: under the table, wrapped, so they never squeeze its columns.
  const lines = [
    ...(summary.flaky.length ? wrapWords(`flaky: ${summary.flaky.join(', ')}`, layout.width, '  ') : []),
    ...(summary.stopped ? wrapWords(`stopped: ${summary.stopped}`, layout.width, '  ').map(style.fail) : []),
  ];
  return [table(`Run ${summary.runId}`, ['', 'value'], rows, [], layout.width), ...lines].join('\n');
}

/** The worst tags first; without --verbose only the worst few, and a line saying what was left out. */
export function tagTable(summary: RunSummary, layout: TerminalLayout): string {
  const worst = [...summary.byTag].sort(
    (a, b) =>
      a.passRate - b.passRate || b.total - b.passed - (a.total - a.passed) || a.name.localeCompare(b.name),
  );
  const shown = layout.verbose ? worst : worst.slice(0, WORST_TAGS_SHOWN);
  const hidden = worst.slice(shown.length);
  const title = hidden.length
    ? `By tag (worst ${shown.length} of ${worst.length})`
    : `By tag (${plural(worst.length, 'tag')}, worst first)`;
  const body = table(
    title,
    ['tag', 'passed', 'cases', 'pass rate'],
    shown.map((r) => [r.name, r.passed, r.total, rateCell(r.passRate, layout)]),
    [],
    layout.width,
  );
  if (!hidden.length) return body;
  return `${body}\n${layout.style.dim(hiddenTagsLine(hidden))}`;
}

function hiddenTagsLine(hidden: RateRow[]): string {
  const best = hidden.every((r) => r.passRate === 1);
  const range = best ? 'all at 100%' : `pass rate ${pct(hidden[0]!.passRate)} or better`;
  return `${plural(hidden.length, 'more tag')} hidden (${range}); --verbose lists every tag.`;
}

/**
 * Skipped runs (judges with no model) and errors (no verdict) are their own columns and never
 * count as passed or as scored; a column no scorer uses is left out, so the table fits.
 */
export function scorerTable(summary: RunSummary, layout: TerminalLayout): string {
  const rows = summary.byScorer;
  const columns: { head: string; cell: (r: (typeof rows)[number]) => string | number; keep: boolean }[] = [
    { head: 'scorer', cell: (r) => r.name, keep: true },
    { head: 'passed', cell: (r) => r.passed, keep: true },
    { head: 'scored', cell: (r) => r.total, keep: true },
    {
      head: 'pass rate',
      cell: (r) =>
        r.total
          ? rateCell(r.passRate, layout)
          : r.errors
            ? layout.style.fail('no verdict')
            : layout.style.dim('skipped'),
      keep: true,
    },
    { head: 'mean', cell: (r) => (r.total ? r.meanScore.toFixed(2) : '—'), keep: true },
    { head: 'errors', cell: (r) => (r.errors ? int(r.errors) : ''), keep: rows.some((r) => r.errors) },
    { head: 'skipped', cell: (r) => (r.skipped ? int(r.skipped) : ''), keep: rows.some((r) => r.skipped) },
    {
      head: 'uncertain',
      cell: (r) => (r.uncertain ? int(r.uncertain) : ''),
      keep: rows.some((r) => r.uncertain),
    },
  ];
  const kept = columns.filter((c) => c.keep);
  return table(
    'By scorer',
    kept.map((c) => c.head),
    rows.map((r) => kept.map((c) => c.cell(r))),
    [],
    layout.width,
  );
}

/** A pass rate, green when everything passed, red otherwise. */
export function rateCell(rate: number, layout: TerminalLayout): string {
  return rate === 1 ? layout.style.pass(pct(rate)) : layout.style.fail(pct(rate));
}
