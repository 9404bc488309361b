import { z } from 'zod';

/** The scorers the golden set can use; eval's scorer registry is keyed by them. */
export const SCORER_TYPES = ['keywords', 'length', 'intents', 'facts', 'whatsapp', 'judge'] as const;
export type ScorerType = (typeof SCORER_TYPES)[number];

const Rate = z.number().min(0).max(1);

/**
 * The `eval` section of kavak.config.json (gates, thresholds, limits). Flags win over
 * it. Exported so the config schema can reuse it as `eval: EvalSettingsSchema.optional()`.
 */
export const EvalSettingsSchema = z.strictObject({
  minPassRate: Rate.optional().describe('share of cases that must pass (0–1)'),
  scorerThresholds: z
    .record(z.string().min(1), Rate)
    .optional()
    .describe('minimum pass rate per scorer, e.g. { "facts": 1, "judge:tone": 0.8 }'),
  tagThresholds: z
    .record(z.string().min(1), Rate)
    .optional()
    .describe('minimum pass rate of the cases with a tag'),
  concurrency: z.number().int().min(1).max(64).optional(),
  rpm: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('requests per minute for agent and judge calls together'),
  caseTimeoutMs: z.number().int().positive().optional(),
  judgeSamples: z.number().int().min(1).max(15).optional(),
  maxCostUsd: z.number().positive().optional(),
  keepRuns: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('run folders kept in the reports folder; older ones are deleted (default 50)'),
  weights: z
    .partialRecord(z.enum(SCORER_TYPES), z.number().nonnegative())
    .optional()
    .describe('scorer weights in turn scores'),
});
export type EvalSettingsFile = z.infer<typeof EvalSettingsSchema>;
