import { basename } from 'node:path';
import type { ScoreResult } from '../types.js';
import {
  CustomScoreSchema,
  customScorerId,
  type ConversationScoreParams,
  type CustomScorer,
} from './contract.js';
import type { ScoreParams } from '../types.js';

/**
 * Runs one custom scorer. It never throws: a scorer that throws, or returns something other than
 * `{ pass, score, reason }`, gives an error result that names its file, and the run goes on.
 */
export async function runCustomScorer(
  scorer: CustomScorer,
  params: ScoreParams | ConversationScoreParams,
): Promise<ScoreResult> {
  const id = customScorerId(scorer.name);
  const file = basename(scorer.file);
  const failed = (why: string): ScoreResult => ({
    scorer: id,
    pass: false,
    score: 0,
    reason: `error: ${file} ${why}`,
    error: true,
  });
  let returned: unknown;
  try {
    returned = await scorer.score(params);
  } catch (error) {
    return failed(`threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = CustomScoreSchema.safeParse(returned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'the result';
    return failed(
      `returned an invalid result (${field}: ${issue?.message ?? 'invalid'}); expected { pass: boolean, score: 0–1, reason: string }`,
    );
  }
  return { scorer: id, ...parsed.data };
}
