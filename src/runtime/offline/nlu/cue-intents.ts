import type { ConversationContext } from './context.js';
import type { CueHit } from './cues.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';

/** How far after "¿tienen…" / "quiero…" the car it asks for may be named. */
const OBJECT_WINDOW = 45;
/** Confidence of a "¿cuánto cuesta?" that leans on the car already being discussed. */
const IN_FOCUS_CONFIDENCE = 0.7;

export interface CueIntents {
  drafts: Drafts;
  /** The message tries to rewrite the agent's instructions: everything but a greeting is declined. */
  injection: boolean;
}

export function intentsFromCues(hits: readonly CueHit[], carObjects: readonly number[], text: string, context: ConversationContext): CueIntents {
  const drafts: Drafts = new Map();
  const injection = hits.some((h) => h.rule.injection === true);
  const others = hits.filter((h) => h.rule.intent !== 'car_recommendation' && h.rule.intent !== 'greeting');
  for (const hit of hits) {
    const { rule } = hit;
    if (injection && rule.intent !== 'greeting' && !rule.injection) continue;
    let confidence = rule.confidence;
    if (rule.needsCarObject && !hasCarObject(hit, carObjects, others, text)) {
      if (!context.carInFocus || others.length > 0) continue;
      confidence = IN_FOCUS_CONFIDENCE;
    }
    addDraft(drafts, rule.intent, hit.start, confidence, { topic: rule.topic, salesAction: rule.salesAction, courtesy: rule.courtesy });
  }
  return { drafts, injection };
}

/** A car is named right after the cue, in the same clause, before another request starts. */
function hasCarObject(hit: CueHit, carObjects: readonly number[], others: readonly CueHit[], text: string): boolean {
  const barrier = text.slice(hit.end).search(/[.?!;]/);
  const nextRequest = others.find((o) => o.start >= hit.end)?.start ?? Infinity;
  const limit = Math.min(hit.end + OBJECT_WINDOW, barrier < 0 ? Infinity : hit.end + barrier, nextRequest);
  return carObjects.some((p) => p >= hit.end && p <= limit);
}
