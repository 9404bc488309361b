import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readRunEntry, type RunEntry } from './run-entry.js';

export const LATEST = 'latest';
export const DEFAULT_KEEP_RUNS = 50;

/**
 * Every run folder under `root` with its index entry, oldest first — by start time to the
 * millisecond, as run ids only say the second.
 */
export function listRuns(root: string): RunEntry[] {
  return listRunIds(root)
    .flatMap((name) => {
      const entry = readRunEntry(join(root, name));
      return entry ? [{ ...entry, runId: name }] : [];
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
}

/** The run `<root>/latest` points at (a symlink, or a copy naming it in LATEST_RUN). */
export function latestRunId(root: string): string | null {
  const latest = join(root, LATEST);
  try {
    if (lstatSync(latest).isSymbolicLink()) return basename(readlinkSync(latest));
    return readFileSync(join(latest, 'LATEST_RUN'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Deletes the oldest run folders so that at most `keep` remain, never one in `protect` (the
 * run latest points at, the run just written). Returns the run ids it deleted.
 */
export function pruneRuns(root: string, keep: number, protect: readonly string[]): string[] {
  const runs = listRuns(root).map((r) => r.runId);
  const excess = runs.length - keep;
  if (excess <= 0) return [];
  const doomed = runs.filter((id) => !protect.includes(id)).slice(0, excess);
  for (const id of doomed) rmSync(join(root, id), { recursive: true, force: true });
  return doomed;
}

function listRunIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== LATEST && existsSync(join(root, d.name, 'results.json')))
    .map((d) => d.name);
}
