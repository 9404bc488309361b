import { scoreFacts } from './facts.js';
import { scoreIntents } from './intents.js';
import { scoreKeywords } from './keywords.js';
import { scoreLength } from './length.js';
import type { ScorerHandler, ScorerType } from './types.js';
import { scoreWhatsapp } from './whatsapp.js';

export type LocalScorerType = Exclude<ScorerType, 'judge'>;

/** Every scorer but the judge (which needs a model): the compiler catches a missing one. */
export const SCORERS: Record<LocalScorerType, ScorerHandler> = {
  keywords: scoreKeywords,
  length: scoreLength,
  intents: scoreIntents,
  facts: scoreFacts,
  whatsapp: scoreWhatsapp,
};
