import type { Comparison } from '../compare/compare-runs.js';
import { cacheSummaryLine } from '../reports/cache-notes.js';
import { failureReasons } from '../compare/compare-runs.js';
import type { RunResult } from '../results/schema.js';
import type { GateVerdict } from '../runner/gate.js';
import type { RunSummary } from '../runner/summarize-run.js';
import { comparisonTable } from './comparison-table.js';
import { wrapWords } from './fit-text.js';
import { table } from './format.js';
import { confusionTable, intentTable } from './intent-tables.js';
import { overallTable, scorerTable, tagTable } from './summary-tables.js';
import { PLAIN_LAYOUT, type TerminalLayout } from './terminal-layout.js';
import { usageTable } from './usage-table.js';
import type { VariantRun } from '../variants/variant-runs.js';
import { variantsTable } from './variants-table.js';

const MAX_FAILURES_LISTED = 20;

export interface TerminalReport {
  run: RunResult;
  summary: RunSummary;
  comparison?: Comparison;
  verdict: GateVerdict;
  /** Where the reports were written. */
  reportDir?: string;
  /** With --variant: every variant's run (the first is `run`), shown side by side before the gate. */
  variants?: readonly VariantRun[];
  /** What else happened to the reports folder (latest kept, runs pruned, --output written). */
  reportNotes?: string[];
  /** Width, colour and --verbose; plain 80 columns when absent. */
  layout?: TerminalLayout;
}

/**
 * The terminal report, one section per entry: the details first, then the comparison with the
 * baseline and the gate's verdict last, where the eye lands when the run ends.
 */
export function renderTerminalReport(report: TerminalReport): string {
  const { summary } = report;
  const layout = report.layout ?? PLAIN_LAYOUT;
  const sections = [
    overallTable(summary, layout),
    summary.byTag.length ? tagTable(summary, layout) : '',
    summary.byScorer.length ? scorerTable(summary, layout) : '',
    summary.intents.turns ? intentTable(summary.intents, layout) : '',
    summary.intents.turns ? confusionTable(summary.intents, layout) : '',
    usageTable(summary, layout),
    report.run.cache ? cacheSummaryLine(report.run.cache) : '',
    failingCases(report.run, layout),
    report.variants ? variantsTable(report.variants) : '',
    reportLines(report, layout),
    // Last, where the eye lands:
    report.comparison ? comparisonTable(report.comparison, layout) : '',
    gateLines(report.verdict, layout),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function failingCases(run: RunResult, layout: TerminalLayout): string {
  const failing = run.cases.filter((c) => c.status !== 'passed');
  if (failing.length === 0) return '';
  const rows = failing
    .slice(0, MAX_FAILURES_LISTED)
    .map((c) => [c.id, layout.style.fail(c.status), failureReasons(c)[0] ?? '']);
  const more =
    failing.length > MAX_FAILURES_LISTED ? ` (first ${MAX_FAILURES_LISTED} of ${failing.length})` : '';
  return table(`Failing cases${more}`, ['case', 'status', 'first reason'], rows, [1, 2], layout.width);
}

function reportLines(report: TerminalReport, layout: TerminalLayout): string {
  if (!report.reportDir) return '';
  const notes = (report.reportNotes ?? []).flatMap((note) => wrapWords(`  ${note}`, layout.width, '    '));
  return [`Reports: ${report.reportDir}`, ...notes.map(layout.style.dim)].join('\n');
}

function gateLines(verdict: GateVerdict, layout: TerminalLayout): string {
  const { style, width } = layout;
  const notes = verdict.notes.flatMap((n) => wrapWords(`  note: ${n}`, width, '    ')).map(style.dim);
  if (verdict.pass) return [style.bold(style.pass('Gate: PASS')), ...notes].join('\n');
  const failures = verdict.failures.flatMap((f) => wrapWords(`  ✗ ${f}`, width, '    ')).map(style.fail);
  return [style.bold(style.fail('Gate: FAIL')), ...failures, ...notes].join('\n');
}
