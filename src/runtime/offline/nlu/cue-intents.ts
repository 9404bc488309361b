import type { ConversationContext } from './context.js';
import type { CueHit } from './cues.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';
import type { CarObject } from './entities.js';

/** How far after "¿tienen…" / "quiero…" the car it asks for may be named. */
const OBJECT_WINDOW = 45;
/** Confidence of a "¿cuánto cuesta?" that leans on the car already being discussed. */
const IN_FOCUS_CONFIDENCE = 0.7;
const CLAUSE_MARK = /[.?!;]/;

export interface CueIntents {
  drafts: Drafts;
  /** The message tries to rewrite the agent's instructions: everything but a greeting is declined. */
  injection: boolean;
}

export function intentsFromCues(
  hits: readonly CueHit[],
  carObjects: readonly CarObject[],
  text: string,
  context: ConversationContext,
): CueIntents {
  const drafts: Drafts = new Map();
  const injection = hits.some((h) => h.rule.injection === true);
  const others = hits.filter((h) => h.rule.intent !== 'car_recommendation' && h.rule.intent !== 'greeting');
  for (const hit of hits) {
    const { rule } = hit;
    if (injection && rule.intent !== 'greeting' && !rule.injection) continue;
    let confidence = rule.confidence;
    if (rule.needsCarObject && !hasCarObject(hit, carObjects, others, text)) {
      const fallback = context.carInFocus ? IN_FOCUS_CONFIDENCE : rule.fallbackConfidence;
      if (fallback === undefined || others.length > 0) continue;
      confidence = fallback;
    }
    addDraft(drafts, rule.intent, hit.start, confidence, {
      topic: rule.topic,
      infoTopic: rule.infoTopic,
      salesAction: rule.salesAction,
      courtesy: rule.courtesy,
    });
  }
  return { drafts, injection };
}

/**
 * A car is named right after the cue, in the same clause, before another request starts. A bare
 * noun ("¿qué garantía tienen los autos?") counts only when the clause asks nothing else.
 */
function hasCarObject(
  hit: CueHit,
  carObjects: readonly CarObject[],
  others: readonly CueHit[],
  text: string,
): boolean {
  const { start: clauseStart, end: clauseEnd } = clauseAround(text, hit.start, hit.end);
  const nextRequest = others.find((o) => o.start >= hit.end)?.start ?? Infinity;
  const limit = Math.min(hit.end + OBJECT_WINDOW, clauseEnd, nextRequest);
  const clauseAsksMore = others.some((o) => o.start >= clauseStart && o.start < clauseEnd);
  return carObjects.some((o) => o.position >= hit.end && o.position <= limit && (o.named || !clauseAsksMore));
}

function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
  const before = text.slice(0, start);
  const marks = [...before.matchAll(/[.?!;]/g)];
  const after = text.slice(end).search(CLAUSE_MARK);
  return {
    start: marks.length > 0 ? marks[marks.length - 1]!.index + 1 : 0,
    end: after < 0 ? text.length : end + after,
  };
}
