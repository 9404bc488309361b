import type { LoadedCase } from '../golden-set/schema.js';
import {
  affectedCases,
  classifyChange,
  type CaseSelection,
  type EvalSourceFolders,
} from './affected-cases.js';
import { describeSelection } from './describe-selection.js';
import { changedFilesSince } from './git-changes.js';

export interface CasesToRun {
  cases: LoadedCase[];
  /** Set when --changed-prompts picked the cases. */
  selection?: CaseSelection;
  /** What to tell the user about the selection (empty when every case runs). */
  lines: string[];
}

/**
 * Narrows the loaded cases (already cut by --filter, so the result is the intersection) to those
 * a change since `changedSince` touches, and/or to `onlyCaseIds` (what --watch re-runs).
 */
export function casesToRun(input: {
  cases: LoadedCase[];
  folders: EvalSourceFolders;
  changedSince?: string;
  onlyCaseIds?: ReadonlySet<string>;
  filtered: boolean;
  cwd: string;
}): CasesToRun {
  const only = input.onlyCaseIds;
  let cases = only ? input.cases.filter((c) => only.has(c.id)) : input.cases;
  if (input.changedSince === undefined) return { cases, lines: [] };
  const { files } = changedFilesSince(
    input.changedSince,
    [input.folders.prompts, input.folders.judges, input.folders.goldenSet],
    input.cwd,
  );
  const selection = affectedCases(
    cases,
    files.map((file) => classifyChange(file, input.folders)),
  );
  const lines = describeSelection(selection, {
    since: input.changedSince,
    pool: cases.length,
    filtered: input.filtered,
  });
  cases = selection.selected;
  return { cases, selection, lines };
}
