import { z } from 'zod';
import { IntentSchema, IntentTypeSchema } from '../../core/intents/schema.js';
import { TurnTraceSchema } from '../../core/trace/schema.js';
import { TurnExpectationSchema } from '../golden-set/schema.js';
import { ScoreResultSchema } from '../scorers/types.js';
import { SimulationSchema } from '../simulate/simulation-schema.js';

/**
 * results.json: everything about a run, enough to re-score it (--rescore) and to compare it
 * with another (--baseline) without calling the agent again.
 */
export const TurnOutcomeSchema = z.object({
  index: z.number().int(),
  user: z.string(),
  reply: z.string(),
  expect: TurnExpectationSchema,
  critical: z.union([z.boolean(), z.string()]).optional(),
  detectedIntents: z.array(IntentSchema),
  scores: z.array(ScoreResultSchema),
  pass: z.boolean(),
  /** Weighted mean of the scores that ran (skipped ones excluded). */
  score: z.number(),
  latencyMs: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** null: a model without a price in the table ("no price", never $0). */
  costUsd: z.number().nullable(),
  /** Judge calls are counted apart from the agent's. */
  judgeInputTokens: z.number().int().default(0),
  judgeOutputTokens: z.number().int().default(0),
  judgeCostUsd: z.number().nullable().default(0),
  /** Judge calls answered from the response cache (the agent's are marked on their trace spans). */
  judgeCachedCalls: z.number().int().optional(),
  trace: TurnTraceSchema.nullable(),
});
export type TurnOutcome = z.infer<typeof TurnOutcomeSchema>;

export const CaseOutcomeSchema = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  tags: z.array(z.string()),
  /** passed: every turn passed; failed: a turn failed; error: the case crashed or timed out. */
  status: z.enum(['passed', 'failed', 'error']),
  error: z.string().nullable(),
  score: z.number(),
  turns: z.array(TurnOutcomeSchema),
  /** Whole-conversation results (judge:<rubric> with scope: conversation, custom:<name>); absent: none ran. */
  conversationScores: z.array(ScoreResultSchema).optional(),
  /** The conversation judges' usage, apart from the per-turn judges' (counted in the turns). */
  conversationJudge: z
    .object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number().nullable() })
    .optional(),
  /** With --repeat K: pass count over the K runs. */
  repeats: z.object({ runs: z.number().int(), passed: z.number().int(), flaky: z.boolean() }).nullable(),
  latencyMs: z.number(),
  /** kavak eval simulate: the persona, how the conversation ended, whole-conversation scores. */
  simulation: SimulationSchema.optional(),
});
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

export const RubricInfoSchema = z.object({
  name: z.string(),
  hash: z.string(),
  model: z.string(),
  runtime: z.string(),
});

export const RunResultSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  gitCommit: z.string().nullable(),
  runtime: z.string(),
  model: z.string(),
  judge: z.object({ runtime: z.string(), model: z.string(), samples: z.number().int() }),
  rubrics: z.array(RubricInfoSchema),
  /** Resolved config with secrets removed. */
  config: z.record(z.string(), z.unknown()),
  options: z.record(z.string(), z.unknown()),
  cases: z.array(CaseOutcomeSchema),
  intentLabels: z.array(IntentTypeSchema),
  /** Runs made with --variant: which variant this is (its name and overlay file). */
  variant: z.object({ name: z.string(), file: z.string() }).optional(),
  /**
   * On the run folder's results.json of a --variant run (the first variant's): every variant,
   * the first one this file's own, each with its results.json relative to the run folder.
   */
  variants: z.array(z.object({ name: z.string(), file: z.string(), results: z.string() })).optional(),
  /** The response cache over this run's agent and judge calls; absent when it was off. */
  cache: z
    .object({
      dir: z.string(),
      hits: z.number().int(),
      misses: z.number().int(),
      /** What the hits would have cost; null when a model has no price. */
      savedUsd: z.number().nullable(),
    })
    .optional(),
  /** The gate's verdict, for reports/index.html (absent in runs written before it was kept). */
  gate: z.object({ pass: z.boolean(), failures: z.array(z.string()) }).optional(),
});
export type RunResult = z.infer<typeof RunResultSchema>;
