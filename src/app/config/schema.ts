import { z } from 'zod';
import { EvalSettingsSchema } from './eval-section.js';
import { ModelPriceSchema, type ModelPrice } from '../../core/trace/model-price.js';
import { AgentNameSchema } from '../../core/tasks.js';

export const RuntimeNameSchema = z.enum(['offline', 'openai', 'replay']);
export type RuntimeName = z.infer<typeof RuntimeNameSchema>;

export { ModelPriceSchema, type ModelPrice } from '../../core/trace/model-price.js';

/** Public list prices (USD / 1M tokens); override or extend in kavak.config.json → prices. */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  offline: { inputPerMillion: 0, outputPerMillion: 0 },
};

export const AgentSettingsSchema = z.strictObject({
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Overrides the prompt file's token budget for this agent's call. */
  maxOutputTokens: z.number().int().positive().optional(),
});
export type AgentSettings = z.infer<typeof AgentSettingsSchema>;

/** The judge's model is set apart from the agent's (issue: eval). */
export const JudgeSettingsSchema = z.strictObject({
  runtime: RuntimeNameSchema.optional(),
  model: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
});

/**
 * kavak.config.json. Strict: an unknown key is an error naming it. Secrets are never read from
 * this file (OPENAI_API_KEY comes from the environment only), so the file can be committed.
 */
export const ConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  runtime: RuntimeNameSchema.optional(),
  model: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  db: z.string().min(1).optional(),
  catalog: z.string().min(1).optional(),
  knowledge: z.string().min(1).optional(),
  prompts: z.string().min(1).optional(),
  record: z.string().min(1).optional(),
  replay: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  historyTurns: z.number().int().min(0).max(100).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Per-agent model, temperature and token budget; `intents` sets the intent call's. */
  agents: z.partialRecord(z.enum([...AgentNameSchema.options, 'intents']), AgentSettingsSchema).optional(),
  prices: z.record(z.string(), ModelPriceSchema).optional(),
  judge: JudgeSettingsSchema.optional(),
  /** kavak eval: gates, thresholds, limits (flags win). */
  eval: EvalSettingsSchema.optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** Everything resolved: file < env < flags, paths absolute, defaults filled. */
export interface KavakConfig {
  runtime: RuntimeName;
  model: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  db: string;
  catalog: string;
  knowledge: string;
  prompts: string;
  record: string | undefined;
  replay: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  historyTurns: number;
  temperature: number;
  agents: NonNullable<ConfigFile['agents']>;
  prices: Record<string, ModelPrice>;
  judge: z.infer<typeof JudgeSettingsSchema>;
  eval: NonNullable<ConfigFile['eval']>;
  /** The config file that was read, if any. */
  configFile: string | undefined;
}
