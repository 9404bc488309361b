import { z } from 'zod';
import { SCORER_TYPES } from '../scorers/types.js';

const Rate = z.number().min(0).max(1);

/**
 * The `eval` section proposed for kavak.config.json (gates, thresholds, limits). Flags win over
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
  weights: z
    .partialRecord(z.enum(SCORER_TYPES), z.number().nonnegative())
    .optional()
    .describe('scorer weights in turn scores'),
});
export type EvalSettingsFile = z.infer<typeof EvalSettingsSchema>;

export interface GateSettings {
  minPassRate: number | undefined;
  scorerThresholds: Record<string, number>;
  tagThresholds: Record<string, number>;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_CASE_TIMEOUT_MS = 300_000;

export function gateSettings(
  flags: {
    minPassRate?: number;
    scorerThresholds?: Record<string, number>;
    tagThresholds?: Record<string, number>;
  },
  file: EvalSettingsFile = {},
): GateSettings {
  return {
    minPassRate: flags.minPassRate ?? file.minPassRate,
    scorerThresholds: { ...file.scorerThresholds, ...flags.scorerThresholds },
    tagThresholds: { ...file.tagThresholds, ...flags.tagThresholds },
  };
}

/**
 * The config's `eval` section once KavakConfig carries one; until then there is none and the
 * flags are the only source.
 */
export function evalSettingsFrom(config: object): EvalSettingsFile {
  const section: unknown = (config as Record<string, unknown>).eval;
  return section === undefined ? {} : EvalSettingsSchema.parse(section);
}
