export * from './types.js';
export { SCORERS, type LocalScorerType } from './registry.js';
export {
  DEFAULT_WEIGHTS,
  aggregateTurn,
  scoreCase,
  scoreTurn,
  scorerTypeOf,
  scorersFor,
  type ScoreTurnOptions,
  type ScorerWeights,
  type TurnScore,
} from './score-turn.js';
export {
  intentReport,
  NO_INTENT,
  type ConfusionLabel,
  type IntentLabelStats,
  type IntentObservation,
  type IntentReport,
} from './intent-report.js';
export { scoreFacts } from './facts.js';
export { scoreIntents } from './intents.js';
export { scoreKeywords } from './keywords.js';
export { scoreLength } from './length.js';
export { scoreWhatsapp } from './whatsapp.js';
