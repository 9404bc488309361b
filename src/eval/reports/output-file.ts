import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { addCosts } from '../../core/trace/cost.js';
import { csvCell } from '../../support/csv-cell.js';
import type { Comparison } from '../compare/compare-runs.js';
import type { RunResult } from '../results/schema.js';
import { renderReportHtml } from './report-html.js';
import { renderSummaryMarkdown } from './summary-md.js';

/** The formats `--output <file>` writes, by extension. */
export const OUTPUT_FORMATS = ['json', 'csv', 'md', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The format a file name asks for, or undefined for any other extension. */
export function outputFormatOf(file: string): OutputFormat | undefined {
  const ext = extname(file).slice(1).toLowerCase();
  return OUTPUT_FORMATS.find((f) => f === ext);
}

const RENDER: Record<OutputFormat, (run: RunResult, comparison?: Comparison) => string> = {
  json: (run) => `${JSON.stringify(run, null, 2)}\n`,
  csv: (run) => renderTurnsCsv(run),
  md: (run, comparison) => renderSummaryMarkdown(run, comparison),
  html: (run, comparison) => renderReportHtml(run, comparison),
};

/**
 * `--output <file>`: one file, in the format its extension names, besides the run folder (which
 * latest, index.html, --baseline and --rescore read). Returns its absolute path.
 */
export async function writeOutputFile(
  file: string,
  run: RunResult,
  comparison?: Comparison,
): Promise<string> {
  const format = outputFormatOf(file);
  if (!format) throw new Error(`unsupported --output extension: ${file}`); // parseEvalOptions refuses it first
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, RENDER[format](run, comparison), 'utf8');
  return path;
}

export const TURNS_CSV_HEADER = ['case', 'turn', 'pass', 'scorers', 'cost_usd', 'latency_ms'] as const;

/** One row per turn: which case, whether it passed, each scorer's result, cost and latency. */
export function renderTurnsCsv(run: RunResult): string {
  const rows = run.cases.flatMap((c) =>
    c.turns.map((t) => {
      const scorers = t.scores
        .map((s) => `${s.scorer}=${s.skipped ? 'skipped' : s.pass ? 'pass' : 'fail'}`)
        .join(';');
      const cost = addCosts(t.costUsd, t.judgeCostUsd);
      return [
        c.id,
        String(t.index + 1),
        t.pass ? 'true' : 'false',
        scorers,
        cost === null ? '' : String(cost),
        String(Math.round(t.latencyMs)),
      ];
    }),
  );
  return [TURNS_CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
