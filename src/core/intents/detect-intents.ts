import type { PromptLibrary, RenderedPrompt } from '../prompts/prompt-library.js';
import type { TurnContext } from '../turn-context.js';
import { generateStructured } from '../model-call.js';
import type { IntentsTaskInput } from '../tasks.js';
import { emptyEntities, IntentResultSchema, type IntentResult } from './schema.js';

/** When the model's answer cannot be repaired: treat the message as unclear, never crash. */
export const FALLBACK_INTENTS: IntentResult = {
  language: 'es',
  intents: [{ type: 'out_of_scope', confidence: 0, entities: emptyEntities() }],
};

export interface DetectedIntents {
  result: IntentResult;
  /** Why the fallback was used, when it was. */
  fallbackReason: string | null;
}

/** The intents prompt for one message (eval's dry run renders it too, to check the file). */
export function renderIntentsPrompt(prompts: PromptLibrary, input: IntentsTaskInput): RenderedPrompt {
  return prompts.render('intents', {
    message: input.message,
    profile: input.profile,
    history: input.history.length
      ? input.history.map((t) => `${t.role === 'customer' ? 'Cliente' : 'Agente'}: ${t.text}`).join('\n')
      : '(sin historial)',
  });
}

export async function detectIntents(ctx: TurnContext): Promise<DetectedIntents> {
  const input: IntentsTaskInput = { message: ctx.message, history: ctx.history, profile: ctx.profile };
  const prompt = renderIntentsPrompt(ctx.prompts, input);
  // One intents span over the call and its repair retry, so the fallback and its reason are
  // in the trace (not only on stderr) for ask --json, the chat panel and report.html.
  return ctx.tracer.withSpan(
    null,
    async (spanId) => {
      const outcome = await generateStructured(ctx, {
        task: 'intents',
        input,
        prompt,
        model: ctx.settings.agentModels.intents,
        maxOutputTokens: ctx.settings.agentMaxOutputTokens.intents,
        schemaName: 'intents',
        schema: IntentResultSchema,
        parentId: spanId,
      });
      const detected: DetectedIntents = outcome.ok
        ? { result: outcome.value, fallbackReason: null }
        : { result: FALLBACK_INTENTS, fallbackReason: outcome.error };
      if (!outcome.ok)
        ctx.logger.warn('intents_fallback', { trackingId: ctx.trackingId, reason: outcome.error });
      return {
        result: detected,
        data: {
          type: 'intents',
          intents: detected.result.intents.map((intent) => intent.type),
          fallback: detected.fallbackReason === null ? null : { reason: detected.fallbackReason },
        },
      };
    },
    () => ({ type: 'intents', intents: [], fallback: null }),
  );
}
