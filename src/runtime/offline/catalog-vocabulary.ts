import type { Catalog } from '../../tools/catalog/types.js';
import type { Vocabulary } from './nlu/index.js';

const cache = new WeakMap<Catalog, Vocabulary>();

/**
 * The catalog's makes and distinct make/model pairs, computed once per loaded catalog: the
 * offline NLU is handed the same object on every call, so it never re-reads 100k rows per turn.
 */
export function catalogVocabulary(catalog: Catalog): Vocabulary {
  let vocabulary = cache.get(catalog);
  if (!vocabulary) {
    const pairs = new Map<string, { make: string; model: string }>();
    for (const car of catalog.cars)
      pairs.set(`${car.make}\u0000${car.model}`, { make: car.make, model: car.model });
    vocabulary = { makes: catalog.makes(), models: [...pairs.values()] };
    cache.set(catalog, vocabulary);
  }
  return vocabulary;
}
