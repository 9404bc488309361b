export { extractIntents } from './extract-intents.js';
export { VocabularySchema, EMPTY_VOCABULARY } from './vocabulary.js';
export type { Vocabulary } from './vocabulary.js';
