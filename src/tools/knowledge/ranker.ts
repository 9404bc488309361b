import { terms } from './text.js';

/** A piece of a document's text and how much a match in it counts (title > keywords > body). */
export interface Field {
  text: string;
  weight: number;
}

const K1 = 1.2;
const B = 0.75;
/** Results scoring under this share of the best one are noise, not a second answer. */
const MIN_SHARE_OF_BEST = 0.3;

/**
 * BM25 over weighted fields: a term's frequency in a document is the sum of its field weights.
 * Documents with no query term score 0 and are never returned, so an unrelated question gets [].
 */
export function createRanker<T>(
  docs: readonly { item: T; fields: readonly Field[] }[],
): (query: string, limit: number) => T[] {
  const indexed = docs.map(({ item, fields }) => {
    const frequency = new Map<string, number>();
    let length = 0;
    for (const { text, weight } of fields) {
      for (const term of terms(text)) {
        frequency.set(term, (frequency.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    return { item, frequency, length };
  });
  const averageLength = indexed.reduce((sum, doc) => sum + doc.length, 0) / Math.max(indexed.length, 1);
  const documentCount = new Map<string, number>();
  for (const doc of indexed) {
    for (const term of doc.frequency.keys()) documentCount.set(term, (documentCount.get(term) ?? 0) + 1);
  }
  const idf = (term: string): number => {
    const n = documentCount.get(term) ?? 0;
    return Math.log(1 + (indexed.length - n + 0.5) / (n + 0.5));
  };

  return (query, limit) => {
    const queryTerms = [...new Set(terms(query))];
    const scored = indexed
      .map((doc) => {
        let score = 0;
        for (const term of queryTerms) {
          const tf = doc.frequency.get(term) ?? 0;
          if (tf > 0)
            score += (idf(term) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / averageLength));
        }
        return { item: doc.item, score };
      })
      .filter((result) => result.score > 0)
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    return scored
      .filter((result) => result.score >= best * MIN_SHARE_OF_BEST)
      .slice(0, limit)
      .map((result) => result.item);
  };
}
