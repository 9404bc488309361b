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

/**
 * A report format: writes one file for the run into `dir` (reports/<run-id>/) and returns its
 * path. summary.md, junit.xml and report.html plug in as writers.
 */
export type ReportWriter = (run: RunResult, dir: string, extras: ReportExtras) => Promise<string>;

export const LATEST = 'latest';

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
}

/**
 * Writes results.json and every other writer's file into `<outDir>/<run-id>/`, then points
 * `<outDir>/latest` at it — last, so `latest` never shows a half-written run.
 */
export async function writeRunReports(
  run: RunResult,
  outDir: string,
  writers: readonly ReportWriter[] = [],
  extras: ReportExtras = {},
): Promise<WrittenReports> {
  const root = resolve(outDir);
  const dir = join(root, run.runId);
  mkdirSync(dir, { recursive: true });
  const files = [await writeResultsJson(run, dir, extras)];
  for (const write of writers) files.push(await write(run, dir, extras));
  pointLatestAt(root, run.runId);
  return { dir, files };
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
