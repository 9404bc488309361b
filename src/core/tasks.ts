import { z } from 'zod';
import { ProfileSchema } from './profile.js';
import { LanguageSchema } from './intents/schema.js';

/**
 * The model calls the pipeline makes, each a typed task: its input data (what the prompt is
 * rendered from), so a runtime may send the prompt to a model or handle the task natively.
 */
export const TASK_NAMES = ['intents', 'reply', 'judge', 'judge_conversation'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const HistoryTurnSchema = z.object({
  role: z.enum(['customer', 'agent']),
  text: z.string(),
});
export type HistoryTurn = z.infer<typeof HistoryTurnSchema>;

export const IntentsTaskInputSchema = z.object({
  message: z.string(),
  /** Recent turns, oldest first. */
  history: z.array(HistoryTurnSchema),
  profile: ProfileSchema,
});
export type IntentsTaskInput = z.infer<typeof IntentsTaskInputSchema>;

export const AgentNameSchema = z.enum([
  'greeting',
  'social',
  'cars',
  'financing',
  'haggle',
  'kavak_info',
  'sales',
  'fallback',
]);
export type AgentName = z.infer<typeof AgentNameSchema>;

export const ReplyTaskInputSchema = z.object({
  agent: AgentNameSchema,
  message: z.string(),
  /** The deterministic answer built from the tools' facts; the model may only rephrase it. */
  draft: z.string(),
  /** The facts the draft was built from, as the tools returned them. */
  facts: z.record(z.string(), z.unknown()),
  profile: ProfileSchema,
  /** The language to answer in: the customer's. */
  language: LanguageSchema,
});
export type ReplyTaskInput = z.infer<typeof ReplyTaskInputSchema>;
