import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from 'yaml';
import { UserInputError } from '../support/errors.js';
import type { TurnTrace } from '../core/trace/schema.js';
import { formatIssue } from '../eval/golden-set/errors.js';
import { parseGoldenFile } from '../eval/golden-set/parse-file.js';
import type { GoldenCase, GoldenFile } from '../eval/golden-set/schema.js';
import { draftCase } from './draft-case.js';

export interface SaveCaseOptions {
  /** The golden-set folder (KAVAK_GOLDEN_SET_DIR, default ./golden-set). */
  dir: string;
  id: string;
  /** The conversation's turns, oldest first. */
  traces: readonly TurnTrace[];
  /** Written as a comment at the top of the file, e.g. where the case came from. */
  provenance?: string;
}

export interface SavedCase {
  path: string;
  testCase: GoldenCase;
}

/**
 * Writes one conversation as a new case, golden-set/<id>.yaml, checked by the same parser the
 * eval's loader uses. Never overwrites a file or reuses an id of the golden set.
 */
export function saveCase(options: SaveCaseOptions): SavedCase {
  if (!options.traces.length) {
    throw new UserInputError('There is nothing to save yet: this conversation has no turns.', {
      hint: 'Talk to the agent first, then /save <id>.',
    });
  }
  const path = join(options.dir, `${options.id}.yaml`);
  const clash = existsSync(path) ? path : fileWithCaseId(options.dir, options.id);
  if (clash) {
    throw new UserInputError(`A golden-set case "${options.id}" already exists in ${clash}.`, {
      hint: 'Pick another id: /save <new-id>.',
    });
  }

  const testCase = draftCase(options.id, options.traces);
  const file: GoldenFile = { cases: [testCase] };
  const doc = new Document(file);
  doc.commentBefore = [
    ` ${options.provenance ?? 'Saved from kavak chat.'}`,
    ' Draft expectations (detected intents, cars and prices the reply named): review them before committing.',
  ].join('\n');
  const text = doc.toString({ lineWidth: 0 });

  const { issues } = parseGoldenFile(text, path);
  if (issues.length) {
    throw new UserInputError(
      `The case does not pass the golden-set schema: ${issues.map(formatIssue).join('; ')}`,
      {
        hint: 'This is a bug in /save; /export keeps the conversation meanwhile.',
      },
    );
  }
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
  return { path, testCase };
}

/** The file in the folder that already has a case with this id, if any. */
function fileWithCaseId(dir: string, id: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n))) {
    const path = join(dir, name);
    // A file that does not parse has no cases here; reporting it is the eval loader's job.
    if (parseGoldenFile(readFileSync(path, 'utf8'), path).cases.some((c) => c.id === id)) return path;
  }
  return undefined;
}
