import type { IntentsSpan, TurnTrace } from './schema.js';

/**
 * Why the turn's intents are the fallback (the model's answer stayed invalid after its repair
 * retry), or null when the model's intents were used. Traces recorded before the intents span
 * existed have none, and read as null.
 */
export function intentsFallbackOf(trace: Pick<TurnTrace, 'spans'>): IntentsSpan['fallback'] {
  const span = trace.spans.find((s): s is IntentsSpan => s.type === 'intents');
  return span?.fallback ?? null;
}

/** The words every surface shows for a fallback, instead of a bare "out_of_scope (0.00)". */
export function describeIntentsFallback(fallback: NonNullable<IntentsSpan['fallback']>): string {
  return `intents fallback: ${fallback.reason} (answered as out_of_scope)`;
}
