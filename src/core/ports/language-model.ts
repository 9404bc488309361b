import type { z } from 'zod';

/**
 * The runtime seam, after the Vercel AI SDK's provider spec: small and data-only.
 * A runtime is made by a factory that resolves keys and URLs once; there are no module-level
 * clients. Every call names its task and carries the task's input data, so a runtime can send
 * the rendered prompt to a model or handle the task natively (the offline runtime does).
 */
export type RuntimeId = 'offline' | 'openai' | 'replay' | 'scripted';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TaskCall {
  /** 'intents', 'reply', 'judge' … */
  name: string;
  /** The task's structured input (what the prompt was rendered from). */
  input: unknown;
}

export interface StructuredOutput<T = unknown> {
  /** Name sent as the JSON schema name (letters, digits, _ and -). */
  name: string;
  schema: z.ZodType<T>;
}

export interface GenerateRequest {
  task: TaskCall;
  messages: ChatMessage[];
  /** Ask for JSON matching this schema; absent → free text. */
  output?: StructuredOutput;
  /** Overrides the runtime's default model for this call. */
  model?: string;
  temperature?: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the model stopped. 'length': it hit the token budget, so the text is cut off. */
export const FINISH_REASONS = ['stop', 'length', 'content-filter', 'error', 'other'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export interface GenerateResult {
  /** Raw text the model produced (JSON text for structured calls). */
  text: string;
  /**
   * Parsed object when the runtime parsed it natively. Core always validates it again
   * against the schema, so a runtime may leave it undefined and let core parse `text`.
   */
  object?: unknown;
  usage: Usage;
  finishReason: FinishReason;
  /** The model that actually answered. */
  model: string;
  /** Settings this runtime ignored, e.g. temperature on the offline runtime. */
  warnings: string[];
  /** Answered from the eval's response cache: no model was called and nothing was spent. */
  cached?: boolean;
}

export type StreamPart = { type: 'text-delta'; text: string } | { type: 'finish'; result: GenerateResult };

export interface LanguageModelRuntime {
  readonly id: RuntimeId;
  /** Default model for calls that name none. */
  readonly model: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Streams text deltas, then one finish part with the same result `generate` gives. */
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
}
