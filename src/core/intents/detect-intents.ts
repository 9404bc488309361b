import type { TurnContext } from '../turn-context.js';
import { generateStructured } from '../model-call.js';
import type { IntentsTaskInput } from '../tasks.js';
import { emptyEntities, IntentResultSchema, type IntentResult } from './schema.js';

/** When the model's answer cannot be repaired: treat the message as unclear, never crash. */
export const FALLBACK_INTENTS: IntentResult = {
  intents: [{ type: 'out_of_scope', confidence: 0, entities: emptyEntities() }],
};

export interface DetectedIntents {
  result: IntentResult;
  /** Why the fallback was used, when it was. */
  fallbackReason: string | null;
}

export async function detectIntents(ctx: TurnContext): Promise<DetectedIntents> {
  const input: IntentsTaskInput = { message: ctx.message, history: ctx.history, profile: ctx.profile };
  const prompt = ctx.prompts.render('intents', {
    message: ctx.message,
    profile: ctx.profile,
    history: ctx.history.length
      ? ctx.history.map((t) => `${t.role === 'customer' ? 'Cliente' : 'Agente'}: ${t.text}`).join('\n')
      : '(sin historial)',
  });
  const outcome = await generateStructured(ctx, {
    task: 'intents',
    input,
    prompt,
    model: ctx.settings.agentModels.intents,
    maxOutputTokens: ctx.settings.agentMaxOutputTokens.intents,
    schemaName: 'intents',
    schema: IntentResultSchema,
    parentId: null,
  });
  if (outcome.ok) return { result: outcome.value, fallbackReason: null };
  ctx.logger.warn('intents_fallback', { trackingId: ctx.trackingId, reason: outcome.error });
  return { result: FALLBACK_INTENTS, fallbackReason: outcome.error };
}
