import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sumCosts } from '../../core/trace/cost.js';
import { RunResultSchema, type RunResult } from '../results/schema.js';

/**
 * One line of reports/index.html, kept beside each run as run-summary.json so the index never
 * re-reads every results.json (a full run's is megabytes).
 */
export const RunEntrySchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  cases: z.number().int(),
  passed: z.number().int(),
  passRate: z.number(),
  costUsd: z.number().nullable(),
  filter: z.string().nullable(),
  /** null: the run was written before the gate was kept in results.json. */
  gate: z.enum(['pass', 'fail']).nullable(),
  /** Why the run is not a full run (--filter, stopped, cases missing); null when it is. */
  partial: z.string().nullable(),
});
export type RunEntry = z.infer<typeof RunEntrySchema>;

export const RUN_SUMMARY_FILE = 'run-summary.json';

export function runEntry(run: RunResult, partial: string | null): RunEntry {
  const passed = run.cases.filter((c) => c.status === 'passed').length;
  const turns = run.cases.flatMap((c) => c.turns);
  const filter = run.options.filter;
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    cases: run.cases.length,
    passed,
    passRate: run.cases.length ? passed / run.cases.length : 0,
    costUsd: sumCosts(turns.flatMap((t) => [t.costUsd, t.judgeCostUsd])),
    filter: typeof filter === 'string' ? filter : null,
    gate: run.gate ? (run.gate.pass ? 'pass' : 'fail') : null,
    partial,
  };
}

export function writeRunEntry(dir: string, entry: RunEntry): void {
  writeFileSync(join(dir, RUN_SUMMARY_FILE), `${JSON.stringify(entry, null, 2)}\n`);
}

/**
 * The entry of the run in `dir`: run-summary.json, or for a run written before it existed,
 * built once from results.json and saved. undefined when the folder holds no readable run.
 */
export function readRunEntry(dir: string): RunEntry | undefined {
  const saved = RunEntrySchema.safeParse(readJson(join(dir, RUN_SUMMARY_FILE)));
  if (saved.success) return saved.data;
  const run = RunResultSchema.safeParse(readJson(join(dir, 'results.json')));
  if (!run.success) return undefined;
  const filter = run.data.options.filter;
  const entry = runEntry(run.data, typeof filter === 'string' ? `--filter ${filter}` : null);
  try {
    writeRunEntry(dir, entry);
  } catch {
    // A read-only reports folder still gets its index.
  }
  return entry;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
