import { cpSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Comparison } from '../compare/compare-runs.js';
import type { RunResult } from '../results/schema.js';
import type { VariantRun } from '../variants/variant-runs.js';

/** What writers get besides the run: the comparison with --baseline, and --variant's runs. */
export interface ReportExtras {
  comparison?: Comparison;
  /** With --variant: every variant's run, the first being `run` itself. */
  variants?: readonly VariantRun[];
}
import { plural } from './plural.js';
import { runEntry, writeRunEntry } from './run-entry.js';
import { LATEST, latestRunId, pruneRuns } from './run-folders.js';
import { writeRunsIndex } from './runs-index-html.js';

/**
 * A report format: writes one file for the run into `dir` (reports/<run-id>/) and returns its
 * path. summary.md, junit.xml and report.html plug in as writers.
 */
export type ReportWriter = (run: RunResult, dir: string, extras: ReportExtras) => Promise<string>;

export { LATEST } from './run-folders.js';

/** results.json: the whole run, enough to --rescore it or use it as a --baseline. */
export const writeResultsJson: ReportWriter = (run, dir) => {
  const file = join(dir, 'results.json');
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return Promise.resolve(file);
};

export interface WrittenReports {
  /** reports/<run-id>/ */
  dir: string;
  files: string[];
  /** Whether latest now points at this run, and at which run it points. */
  latest: { moved: boolean; runId: string | null };
  /** Why this run is not a full run (and so latest was kept); null for a full run. */
  partial: string | null;
  /** Run ids deleted to keep the folder at keepRuns. */
  pruned: string[];
  /** reports/index.html */
  index: string;
}

export interface ReportsPolicy {
  /** Why the run is not a full one (--filter, stopped, cases missing): latest is kept. */
  partial?: string | null;
  /** Run folders to keep; the oldest beyond it are deleted. Unset: none are. */
  keepRuns?: number;
}

/**
 * Writes results.json and every other writer's file into `<outDir>/<run-id>/`, then points
 * `<outDir>/latest` at it — last, so `latest` never shows a half-written run — but only for a
 * full run: a filtered run must not become what `--rescore reports/latest/…` or `--baseline`
 * read. Then prunes the oldest runs past `keepRuns` (never latest's) and rewrites index.html.
 */
export async function writeRunReports(
  run: RunResult,
  outDir: string,
  writers: readonly ReportWriter[] = [],
  extras: ReportExtras = {},
  policy: ReportsPolicy = {},
): Promise<WrittenReports> {
  const root = resolve(outDir);
  const dir = join(root, run.runId);
  const partial = policy.partial ?? null;
  mkdirSync(dir, { recursive: true });
  const files = [await writeResultsJson(run, dir, extras)];
  for (const write of writers) files.push(await write(run, dir, extras));
  writeRunEntry(dir, runEntry(run, partial));
  if (!partial) pointLatestAt(root, run.runId);
  const latest = latestRunId(root);
  const pruned =
    policy.keepRuns === undefined
      ? []
      : pruneRuns(root, policy.keepRuns, [run.runId, ...(latest ? [latest] : [])]);
  const index = writeRunsIndex(root);
  return { dir, files, latest: { moved: !partial, runId: latest }, partial, pruned, index };
}

/**
 * Why a run is not a full one — and so must not become latest — or null: a --filter, a stop
 * (--max-cost, Ctrl-C), or fewer cases than the golden set (a --rescore of a filtered run).
 */
export function partialRunReason(run: RunResult, goldenSetCases: number): string | null {
  const { filter, stopped, changedPrompts } = run.options;
  if (typeof filter === 'string') return `--filter ${filter}`;
  if (typeof changedPrompts === 'string') return `--changed-prompts ${changedPrompts}`;
  if (typeof stopped === 'string') return `stopped: ${stopped}`;
  if (run.cases.length < goldenSetCases) return `${run.cases.length} of ${goldenSetCases} cases`;
  return null;
}

/** What the terminal says about the reports folder besides where the run went. */
export function describeWrittenReports(written: WrittenReports, keepRuns?: number): string[] {
  const notes: string[] = [];
  if (written.partial) {
    notes.push(
      `Not a full run (${written.partial}): latest kept at ${written.latest.runId ?? '(none yet)'}, so --rescore and --baseline on reports/latest keep reading a full run.`,
    );
  }
  if (written.pruned.length) {
    const shown = written.pruned.slice(0, 3).join(', ');
    const more = written.pruned.length > 3 ? ` and ${written.pruned.length - 3} more` : '';
    notes.push(
      `Pruned ${plural(written.pruned.length, 'old run')} (keeping ${keepRuns ?? '?'}): ${shown}${more}.`,
    );
  }
  notes.push(`All runs: ${written.index}`);
  return notes;
}

/**
 * `latest` is a relative symlink to the run's folder; where symlinks are not allowed (Windows
 * without developer mode) it is a copy of the folder, with LATEST_RUN naming the run.
 */
export function pointLatestAt(root: string, runId: string): void {
  const latest = join(root, LATEST);
  if (isPresent(latest)) rmSync(latest, { recursive: true, force: true });
  try {
    symlinkSync(runId, latest, 'dir');
  } catch {
    cpSync(join(root, runId), latest, { recursive: true });
    writeFileSync(join(latest, 'LATEST_RUN'), `${runId}\n`);
  }
}

function isPresent(path: string): boolean {
  try {
    lstatSync(path); // also sees a dangling symlink, which existsSync does not
    return true;
  } catch {
    return false;
  }
}
