import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Document, isSeq, parseDocument } from 'yaml';
import { UserInputError } from '../../support/errors.js';
import { loadRunResult } from '../compare/load-run-result.js';
import { formatIssue } from '../golden-set/errors.js';
import { parseGoldenFile } from '../golden-set/parse-file.js';
import type { GoldenCase } from '../golden-set/schema.js';
import type { CaseOutcome } from '../results/schema.js';
import { SIMULATED_TAG } from './persona-case.js';
import { SIMULATED_TURN_EXPECT } from './simulate-conversation.js';

export interface SaveSimulatedCaseOptions {
  /** <run-dir>/<case-id>, e.g. reports/latest/familia-suv-monterrey. */
  from: string;
  /** A golden-set .yaml file: created, or the case appended to its `cases:`. */
  to: string;
  /** The new case's id (default sim-<case-id>). */
  id?: string;
}

const HOW = 'kavak eval simulate --save-case reports/latest/<case-id> --to golden-set/<file>.yaml';

/**
 * A simulated conversation as a golden-set case: the customer's messages become the turns, with
 * conservative expectations (grounding and WhatsApp format) the user sharpens. Checked with the
 * golden set's own parser before writing; never overwrites a case or reuses an id of the folder.
 */
export function saveSimulatedCase(options: SaveSimulatedCaseOptions): { path: string; testCase: GoldenCase } {
  const from = resolve(options.from);
  const runDir = dirname(from);
  const caseId = basename(from);
  const run = loadRunResult(join(runDir, 'results.json'), '--save-case');
  const outcome = run.cases.find((c) => c.id === caseId);
  if (!outcome) {
    throw new UserInputError(`--save-case: run ${run.runId} has no case "${caseId}".`, {
      hint: `Its cases: ${run.cases.map((c) => c.id).join(', ')}. ${HOW}`,
      exitCode: 2,
    });
  }
  if (outcome.turns.length === 0) {
    throw new UserInputError(
      `--save-case: "${caseId}" has no turns to save (${outcome.error ?? 'it ended before the first reply'}).`,
      {
        exitCode: 2,
      },
    );
  }
  const testCase = goldenCaseFrom(outcome, options.id ?? `sim-${caseId}`);
  const path = resolve(options.to);
  assertIdFree(testCase.id, path);

  const doc = existsSync(path) ? parseDocument(readFileSync(path, 'utf8')) : newGoldenFile();
  const cases = doc.get('cases');
  if (!isSeq(cases)) {
    throw new UserInputError(`--to ${path} is not a golden-set file (no "cases:" list).`, {
      hint: HOW,
      exitCode: 2,
    });
  }
  const node = doc.createNode(testCase);
  node.commentBefore = [
    ` From kavak eval simulate, run ${run.runId}, persona ${outcome.simulation?.persona ?? caseId} (ended: ${outcome.simulation?.ended ?? outcome.status}).`,
    ' Conservative default expectations (grounding and WhatsApp format on every turn): add intents,',
    ' keywords, facts and judges for what each reply must do, then review before committing.',
  ].join('\n');
  cases.add(node);
  const text = doc.toString({ lineWidth: 0 });

  const { issues } = parseGoldenFile(text, path);
  if (issues.length > 0) {
    throw new UserInputError(
      `The saved case would not pass the golden-set schema: ${issues.map(formatIssue).join('; ')}`,
      {
        hint: `Fix ${path} first (kavak eval --golden-set ${dirname(path)} --dry-run shows its problems).`,
        exitCode: 2,
      },
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { path, testCase };
}

function goldenCaseFrom(outcome: CaseOutcome, id: string): GoldenCase {
  // The conversation rubrics the simulation was judged by judge the saved case too.
  const judges = (outcome.conversationScores ?? [])
    .filter((s) => s.scorer.startsWith('judge:'))
    .map((s) => s.scorer.slice('judge:'.length));
  return {
    id,
    title: `Simulado: ${outcome.title}`,
    tags: [...new Set([SIMULATED_TAG, ...outcome.tags])],
    ...(outcome.simulation ? { goal: outcome.title } : {}),
    ...(judges.length > 0 ? { judges } : {}),
    turns: outcome.turns.map((turn) => ({ user: turn.user, expect: { ...SIMULATED_TURN_EXPECT } })),
  };
}

function newGoldenFile(): Document {
  const doc = new Document({ cases: [] });
  doc.commentBefore = ' yaml-language-server: $schema=./schema.json';
  return doc;
}

/** The id is used by no case of the target file's folder (the loader would reject the folder). */
function assertIdFree(id: string, path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n))) {
    const file = join(dir, name);
    if (parseGoldenFile(readFileSync(file, 'utf8'), file).cases.some((c) => c.id === id)) {
      throw new UserInputError(`A golden-set case "${id}" already exists in ${file}.`, {
        hint: 'Pick another id with --id <new-id>.',
        exitCode: 2,
      });
    }
  }
}
