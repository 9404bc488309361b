import { z } from 'zod';

/** The catalog's canonical car names, so the extractor answers with the spelling the catalog uses. */
export const VocabularySchema = z.object({
  makes: z.array(z.string()),
  models: z.array(z.object({ make: z.string(), model: z.string() })),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

export const EMPTY_VOCABULARY: Vocabulary = { makes: [], models: [] };
