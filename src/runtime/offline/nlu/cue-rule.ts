import type { IntentType, KnowledgeTopic, SalesAction } from '../../../core/intents/schema.js';

/** One way a customer says they want something. Patterns run on normalised text (normalize.ts). */
export interface CueRule {
  intent: IntentType;
  pattern: RegExp;
  /** How sure the words make us, 0–1. */
  confidence: number;
  /** kavak_info / out_of_scope: what about, as a short Spanish keyword. */
  topic?: string;
  /** kavak_info: the part of the knowledge base the topic is (item 11). */
  infoTopic?: KnowledgeTopic;
  salesAction?: SalesAction;
  /**
   * Words like "¿tienen…?", "quiero…", "¿cuánto cuesta…?" ask for a car only when one follows
   * ("¿tienen el Jetta?" but not "¿tienen garantía?").
   */
  needsCarObject?: boolean;
  /**
   * With no car named and nothing else asked, the cue still counts at this confidence:
   * "¿Y qué precio tiene?" asks about the car being discussed.
   */
  fallbackConfidence?: number;
  /** Greetings count only at the start of the message ("¿qué tal el Jetta?" is not one). */
  atStart?: boolean;
  /** Prompt injection: everything else in the message is declined. */
  injection?: boolean;
  /** Thanks / goodbye: out of scope only when nothing else was asked. */
  courtesy?: boolean;
  /**
   * "¿cómo funciona?", "¿cómo le hago?": asks how, about whichever Kavak topic the message names;
   * a topic of its own only when the message names none.
   */
  howTo?: boolean;
  /**
   * How the customer pays ("de contado", "efectivo"): next to selling their own car it is how
   * Kavak pays them, part of the selling question.
   */
  paying?: boolean;
  /** Talks about the customer's own car ("vender mi carro"): its words are not a car search. */
  ownCar?: boolean;
}

/** Builds a regex that matches whole words only. */
export function words(source: string): RegExp {
  return new RegExp(String.raw`\b(?:${source})\b`);
}
