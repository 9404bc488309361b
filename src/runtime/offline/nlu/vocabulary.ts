import { z } from 'zod';

/** The catalog's canonical car names, so the extractor answers with the spelling the catalog uses. */
export const VocabularySchema = z.object({
  makes: z.array(z.string()),
  models: z.array(z.object({ make: z.string(), model: z.string() })),
  /** The knowledge base's branches (item 10), so "la de santa fe" reads as Patio Santa Fe. */
  branches: z.array(z.object({ name: z.string(), city: z.string() })).optional(),
  /**
   * Version names that single out one model ("M2" is the BMW Serie 2 3.0 M2 DCT): a letter or
   * two and digits, found in one model's versions only. Read as the model with context ("el m2").
   */
  versionNames: z.array(z.object({ name: z.string(), make: z.string(), model: z.string() })).optional(),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

export const EMPTY_VOCABULARY: Vocabulary = { makes: [], models: [] };
