import type { z } from 'zod';
import type { GenerateRequest, GenerateResult } from './ports/language-model.js';
import type { PromptLibrary, RenderedPrompt } from './prompts/prompt-library.js';
import type { AgentName } from './tasks.js';
import { estimateCostUsd } from './trace/cost.js';
import type { TurnContext } from './turn-context.js';

export interface ModelCallOptions {
  task: string;
  input: unknown;
  prompt: RenderedPrompt;
  model?: string;
  temperature?: number;
  /** Overrides the prompt's token budget. */
  maxOutputTokens?: number;
  output?: GenerateRequest['output'];
  parentId: string | null;
  attempt?: number;
  /** Emit reply deltas for this agent while the model writes. */
  streamAs?: AgentName;
}

/** One model call inside a span: prompt, raw output, tokens, cost and latency are traced. */
export async function callModel(ctx: TurnContext, options: ModelCallOptions): Promise<GenerateResult> {
  const request: GenerateRequest = {
    task: { name: options.task, input: options.input },
    messages: options.prompt.messages,
    output: options.output,
    model: options.model,
    temperature: options.temperature ?? options.prompt.temperature ?? ctx.settings.temperature,
    maxOutputTokens: options.maxOutputTokens ?? options.prompt.maxOutputTokens,
    signal: ctx.signal,
  };
  const model = options.model ?? ctx.runtime.model;
  const base = {
    type: 'model_call' as const,
    task: options.task,
    runtime: ctx.runtime.id,
    requestModel: model,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.maxOutputTokens !== undefined && { maxOutputTokens: request.maxOutputTokens }),
    attempt: options.attempt ?? 1,
    messages: request.messages,
  };
  return ctx.tracer.withSpan(
    options.parentId,
    async () => {
      const result = options.streamAs
        ? await streamed(ctx, request, options.streamAs)
        : await ctx.runtime.generate(request);
      const { costUsd, warning } = estimateCostUsd(model, result.usage, ctx.settings.prices);
      return {
        result,
        data: {
          ...base,
          model: result.model || model,
          rawOutput: result.text,
          finishReason: result.finishReason,
          inputTokens: result.usage.inputTokens,
          outputTokens: result.usage.outputTokens,
          // A cached answer cost nothing this time; what it saved is counted by the cache.
          costUsd: result.cached ? 0 : costUsd,
          warnings: warning ? [...result.warnings, warning] : result.warnings,
          ...(result.cached && { cached: true }),
        },
      };
    },
    () => ({
      ...base,
      model,
      rawOutput: '',
      finishReason: 'error' as const,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      warnings: [],
    }),
  );
}

async function streamed(
  ctx: TurnContext,
  request: GenerateRequest,
  agent: AgentName,
): Promise<GenerateResult> {
  for await (const part of ctx.runtime.stream(request)) {
    if (part.type === 'text-delta')
      ctx.emit({ type: 'reply_delta', trackingId: ctx.trackingId, agent, text: part.text });
    else return part.result;
  }
  throw new Error(`The ${ctx.runtime.id} runtime ended a stream without a finish part.`);
}

export type StructuredOutcome<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: string; attempts: number };

/**
 * A structured call: validate with the schema; on invalid JSON or a schema break, one repair
 * retry that shows the model its error; then give up with the reason (callers fall back safely).
 */
export async function generateStructured<T>(
  ctx: TurnContext,
  options: Omit<ModelCallOptions, 'output' | 'attempt'> & { schemaName: string; schema: z.ZodType<T> },
): Promise<StructuredOutcome<T>> {
  const output = { name: options.schemaName, schema: options.schema };
  const budget = options.maxOutputTokens ?? options.prompt.maxOutputTokens;
  const first = await callModel(ctx, { ...options, output });
  const firstCheck = validate(first, options.schema, budget);
  if (firstCheck.ok) return { ok: true, value: firstCheck.value, attempts: 1 };

  const repairPrompt: RenderedPrompt = {
    ...options.prompt,
    messages: [
      ...options.prompt.messages,
      { role: 'assistant', content: first.text },
      { role: 'user', content: repairMessage(ctx.prompts, firstCheck) },
    ],
  };
  const second = await callModel(ctx, { ...options, prompt: repairPrompt, output, attempt: 2 });
  const secondCheck = validate(second, options.schema, budget);
  if (secondCheck.ok) return { ok: true, value: secondCheck.value, attempts: 2 };
  return { ok: false, error: secondCheck.error, attempts: 2 };
}

interface Invalid {
  ok: false;
  error: string;
  /** The model hit its token budget before the JSON ended. */
  cutOff: boolean;
}

/**
 * The repair turn, from prompts/repair.md. A cut-off answer is not a schema mistake: the model is
 * told so, and to write less.
 */
export function repairMessage(
  prompts: PromptLibrary,
  { error, cutOff }: Pick<Invalid, 'error' | 'cutOff'>,
): string {
  return prompts.fillSection('repair', cutOff ? REPAIR_SECTIONS.cutOff : REPAIR_SECTIONS.invalid, { error });
}

export const REPAIR_SECTIONS = { invalid: 'Inválida', cutOff: 'Cortada' } as const;

function validate<T>(
  result: GenerateResult,
  schema: z.ZodType<T>,
  budget: number | undefined,
): { ok: true; value: T } | Invalid {
  let candidate = result.object;
  if (candidate === undefined) {
    try {
      candidate = JSON.parse(result.text);
    } catch {
      if (result.finishReason === 'length') {
        const limit = budget ? `al límite de ${budget} tokens` : 'a su límite de tokens';
        return { ok: false, error: `se cortó al llegar ${limit}, sin terminar el JSON`, cutOff: true };
      }
      return { ok: false, error: 'no es JSON válido', cutOff: false };
    }
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `${issue?.path.join('.') || 'raíz'}: ${issue?.message ?? 'no cumple el esquema'}`,
    cutOff: false,
  };
}
