import type { Intent } from '../../../core/intents/schema.js';

/** The judge's verdict shape (VerdictSchema in eval/judge), built without a model. */
export interface OfflineVerdict {
  reasoning: string;
  pass: boolean;
  score: number;
}

/** One customer message, what the offline NLU reads in it, and the agent's answer to it. */
export interface Exchange {
  number: number;
  customer: string;
  intents: Intent[];
  agent: string | undefined;
}

export function verdict(score: number, reasoning: string): OfflineVerdict {
  const rounded = Math.round(score * 100) / 100;
  return { reasoning, pass: rounded >= 1, score: rounded };
}
