import { z } from 'zod';
import type { Catalog } from '../../tools/catalog/types.js';
import type { KnowledgeBase } from '../../tools/knowledge/types.js';
import type { Intent } from '../../core/intents/schema.js';
import type { TurnTrace } from '../../core/trace/schema.js';
import type { GoldenCase, TurnExpectation } from '../golden-set/schema.js';

export { SCORER_TYPES, type ScorerType } from '../../app/config/eval-section.js';

/** One scorer's verdict on one reply. */
export const ScoreResultSchema = z.object({
  scorer: z.string().describe('scorer type, or judge:<rubric>'),
  pass: z.boolean(),
  score: z.number().min(0).max(1),
  reason: z.string(),
  /** The scorer could not run (a judge on the offline runtime): shown, never counted as passed. */
  skipped: z.boolean().optional(),
  /**
   * The scorer gave no verdict (a judge call failed or answered malformed JSON, a scorer crashed):
   * the turn cannot pass, and summaries count it apart from the fails.
   */
  error: z.boolean().optional(),
  /** Judges: sample agreement (0–1) and whether the majority was split. */
  agreement: z.number().optional(),
  uncertain: z.boolean().optional(),
});
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

/** What every scorer may look at. Handlers never mutate it. */
export interface ScoreParams {
  reply: string;
  expect: TurnExpectation;
  /** Intents the pipeline detected. */
  intents: Intent[];
  trace: TurnTrace;
  /** Conversation so far (previous turns), oldest first. */
  conversation: { role: 'customer' | 'agent'; text: string }[];
  goldenCase: GoldenCase;
  turnIndex: number;
  tools: { catalog: Catalog; knowledge: KnowledgeBase };
}

export type ScorerHandler = (params: ScoreParams) => ScoreResult | Promise<ScoreResult>;
