import { z } from 'zod';
import { FINISH_REASONS } from '../ports/language-model.js';
import { IntentSchema, LanguageSchema } from '../intents/schema.js';

const SpanBase = {
  id: z.string(),
  parentId: z.string().nullable(),
  startedAt: z.string(),
  latencyMs: z.number(),
  error: z.string().nullable(),
};

export const ModelCallSpanSchema = z.object({
  ...SpanBase,
  type: z.literal('model_call'),
  task: z.string(),
  runtime: z.string(),
  model: z.string(),
  /** What was asked for (`model` is what answered), and the sampling settings sent. Absent in older traces. */
  requestModel: z.string().optional(),
  temperature: z.number().optional(),
  maxOutputTokens: z.number().int().optional(),
  attempt: z.number().int(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  rawOutput: z.string(),
  /** 'length' = cut off at the token budget. Absent in traces written before it was recorded. */
  finishReason: z.enum(FINISH_REASONS).optional(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** null: the configured model has no price in the table ("no price", never $0). */
  costUsd: z.number().nullable(),
  warnings: z.array(z.string()),
  /** Answered from the eval's response cache (no model call, cost 0). Absent: the model answered. */
  cached: z.boolean().optional(),
});

export const AgentSpanSchema = z.object({
  ...SpanBase,
  type: z.literal('agent'),
  agent: z.string(),
  intent: z.string(),
  reply: z.string(),
  /** Why the draft was kept instead of the model's phrasing, when it was. */
  groundingNote: z.string().nullable(),
});

/** The intents step: what was detected, and why the fallback was used when the model's answer was unusable. */
export const IntentsSpanSchema = z.object({
  ...SpanBase,
  type: z.literal('intents'),
  intents: z.array(z.string()),
  /** Set when the answer stayed invalid after the repair retry and the message became out_of_scope. */
  fallback: z.object({ reason: z.string() }).nullable(),
});

export const ToolCallSpanSchema = z.object({
  ...SpanBase,
  type: z.literal('tool_call'),
  tool: z.string(),
  input: z.unknown(),
  output: z.unknown(),
});

/** Spans are a discriminated union so chat, eval and serve render one trace the same way. */
export const SpanSchema = z.discriminatedUnion('type', [
  ModelCallSpanSchema,
  AgentSpanSchema,
  ToolCallSpanSchema,
  IntentsSpanSchema,
]);
export type Span = z.infer<typeof SpanSchema>;
export type ModelCallSpan = z.infer<typeof ModelCallSpanSchema>;
export type AgentSpan = z.infer<typeof AgentSpanSchema>;
export type ToolCallSpan = z.infer<typeof ToolCallSpanSchema>;
export type IntentsSpan = z.infer<typeof IntentsSpanSchema>;

export const TurnTotalsSchema = z.object({
  modelCalls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** null when any call has no price. */
  costUsd: z.number().nullable(),
});
export type TurnTotals = z.infer<typeof TurnTotalsSchema>;

export const TurnTraceSchema = z.object({
  trackingId: z.string(),
  conversationId: z.string(),
  startedAt: z.string(),
  latencyMs: z.number(),
  message: z.string(),
  intents: z.array(IntentSchema),
  /** The language the reply was written in; traces stored before it existed read as Spanish. */
  language: LanguageSchema.default('es'),
  reply: z.string(),
  /** The reply as sent: split into the channel's messages, each within its limit. */
  messages: z.array(z.string()),
  spans: z.array(SpanSchema),
  totals: TurnTotalsSchema,
});
export type TurnTrace = z.infer<typeof TurnTraceSchema>;
