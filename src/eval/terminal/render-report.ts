import type { Comparison } from '../compare/compare-runs.js';
import { cacheSummaryLine } from '../reports/cache-notes.js';
import { failureReasons } from '../compare/compare-runs.js';
import type { RunResult } from '../results/schema.js';
import type { GateVerdict } from '../runner/gate.js';
import type { RunSummary } from '../runner/summarize-run.js';
import { comparisonTable } from './comparison-table.js';
import { table } from './format.js';
import { confusionTable, intentTable } from './intent-tables.js';
import { overallTable, scorerTable, tagTable } from './summary-tables.js';
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
}

/** Every table of the terminal report, comparison first, then the gate's verdict last. */
export function renderTerminalReport(report: TerminalReport): string {
  const { summary } = report;
  const sections = [
    report.comparison ? comparisonTable(report.comparison) : '',
    overallTable(summary),
    summary.byTag.length ? tagTable(summary) : '',
    summary.byScorer.length ? scorerTable(summary) : '',
    summary.intents.turns ? intentTable(summary.intents) : '',
    summary.intents.turns ? confusionTable(summary.intents) : '',
    usageTable(summary),
    report.run.cache ? cacheSummaryLine(report.run.cache) : '',
    failingCases(report.run),
    report.variants ? variantsTable(report.variants) : '',
    report.reportDir ? `Reports: ${report.reportDir}` : '',
    gateLines(report.verdict),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function failingCases(run: RunResult): string {
  const failing = run.cases.filter((c) => c.status !== 'passed');
  if (failing.length === 0) return '';
  const rows = failing
    .slice(0, MAX_FAILURES_LISTED)
    .map((c) => [c.id, c.status, clip(failureReasons(c)[0] ?? '', 90)]);
  const more =
    failing.length > MAX_FAILURES_LISTED ? ` (first ${MAX_FAILURES_LISTED} of ${failing.length})` : '';
  return table(`Failing cases${more}`, ['case', 'status', 'first reason'], rows, [1, 2]);
}

function gateLines(verdict: GateVerdict): string {
  const notes = verdict.notes.map((n) => `  note: ${n}`);
  if (verdict.pass) return ['Gate: PASS', ...notes].join('\n');
  return ['Gate: FAIL', ...verdict.failures.map((f) => `  ✗ ${f}`), ...notes].join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
