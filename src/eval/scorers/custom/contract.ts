import { z } from 'zod';
import type { ConversationTranscript } from '../../conversation/transcript.js';
import type { ScoreParams } from '../types.js';

/** What a custom scorer returns: the built-in contract, less the name (the file gives it). */
export const CustomScoreSchema = z.object({
  pass: z.boolean(),
  score: z.number().min(0).max(1),
  reason: z.string(),
});
export type CustomScore = z.infer<typeof CustomScoreSchema>;

export const CustomScorerScopeSchema = z.enum(['turn', 'conversation']);
export type CustomScorerScope = z.infer<typeof CustomScorerScopeSchema>;

/** What a conversation-scope custom scorer is given. */
export type ConversationScoreParams = Readonly<ConversationTranscript>;

/**
 * A scorer file's export (default export, or the same names exported one by one):
 * `{ scope: 'turn' | 'conversation', score(params) → { pass, score, reason } }`. `score` may be async.
 */
export const CustomScorerExportSchema = z.object({
  scope: CustomScorerScopeSchema.default('turn'),
  score: z.custom<(params: unknown) => unknown>((value) => typeof value === 'function', {
    message: 'a score(params) function',
  }),
  description: z.string().optional(),
});

export interface CustomScorer {
  /** From the file name: results call it "custom:<name>". */
  name: string;
  scope: CustomScorerScope;
  /** The file, for the reason of a scorer error. */
  file: string;
  score: (params: ScoreParams | ConversationScoreParams) => unknown;
}

export function customScorerId(name: string): string {
  return `custom:${name}`;
}
