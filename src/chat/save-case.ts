import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parse } from 'yaml';
import { UserInputError } from '../core/errors.js';
import type { TurnTrace } from '../core/trace/schema.js';
import { draftCase, DraftGoldenFileSchema, type DraftCase, type DraftGoldenFile } from './draft-case.js';

/**
 * Checks a golden-set file before it is written; returns problems ([] = valid). The default
 * checks the draft shape; the real golden-set schema plugs in here once `kavak eval` has one.
 */
export type GoldenFileValidator = (file: DraftGoldenFile) => string[];

export interface SaveCaseOptions {
  /** The golden-set folder (KAVAK_GOLDEN_SET_DIR, default ./golden-set). */
  dir: string;
  id: string;
  /** The conversation's turns, oldest first. */
  traces: readonly TurnTrace[];
  /** Written as a comment at the top of the file, e.g. where the case came from. */
  provenance?: string;
  validate?: GoldenFileValidator;
}

export interface SavedCase {
  path: string;
  testCase: DraftCase;
}

export const validateDraftFile: GoldenFileValidator = (file) => {
  const parsed = DraftGoldenFileSchema.safeParse(file);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
};

/** Writes one conversation as a new case, golden-set/<id>.yaml; never overwrites a case. */
export function saveCase(options: SaveCaseOptions): SavedCase {
  if (!options.traces.length) {
    throw new UserInputError('There is nothing to save yet: this conversation has no turns.', {
      hint: 'Talk to the agent first, then /save <id>.',
    });
  }
  const path = join(options.dir, `${options.id}.yaml`);
  const clash = existsSync(path) ? path : findCaseId(options.dir, options.id);
  if (clash) {
    throw new UserInputError(`A golden-set case "${options.id}" already exists in ${clash}.`, {
      hint: 'Pick another id: /save <new-id>.',
    });
  }

  const testCase = draftCase(options.id, options.traces);
  const file: DraftGoldenFile = { cases: [testCase] };
  const problems = (options.validate ?? validateDraftFile)(file);
  if (problems.length) {
    throw new UserInputError(`The case does not validate against the golden-set schema: ${problems.join('; ')}`, {
      hint: 'This is a bug in the /save writer; /export keeps the conversation meanwhile.',
    });
  }

  const doc = new Document(file);
  doc.commentBefore = [
    options.provenance ? ` ${options.provenance}` : ' Saved from kavak chat.',
    ' Draft expectations (detected intents, cars and prices the reply named): review them before committing.',
  ].join('\n');
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(path, doc.toString({ lineWidth: 0 }), { flag: 'wx' });
  return { path, testCase };
}

/** The file in the folder that already has a case with this id, if any. */
function findCaseId(dir: string, id: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir)) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const path = join(dir, name);
    try {
      const content = parse(readFileSync(path, 'utf8')) as unknown;
      if (caseIds(content).includes(id)) return path;
    } catch {
      // A file that does not parse is the eval loader's to report, not /save's.
    }
  }
  return undefined;
}

function caseIds(content: unknown): string[] {
  if (typeof content !== 'object' || content === null || !('cases' in content) || !Array.isArray(content.cases)) return [];
  return content.cases.flatMap((c: unknown) =>
    typeof c === 'object' && c !== null && 'id' in c && typeof c.id === 'string' ? [c.id] : [],
  );
}
