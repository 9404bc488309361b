import type { Catalog } from '../../tools/catalog/types.js';
import type { KnowledgeBase } from '../../tools/knowledge/types.js';
import type { Vocabulary } from './nlu/index.js';

const cache = new WeakMap<Catalog, Vocabulary>();
const withBranches = new WeakMap<Catalog, WeakMap<KnowledgeBase, Vocabulary>>();

/**
 * The catalog's makes and distinct make/model pairs (and the knowledge base's branches), computed
 * once per loaded catalog: the offline NLU is handed the same object on every call, so it never
 * re-reads 100k rows per turn.
 */
export function catalogVocabulary(catalog: Catalog, knowledge?: KnowledgeBase): Vocabulary {
  let vocabulary = cache.get(catalog);
  if (!vocabulary) {
    const pairs = new Map<string, { make: string; model: string }>();
    for (const car of catalog.cars)
      pairs.set(`${car.make}\u0000${car.model}`, { make: car.make, model: car.model });
    vocabulary = { makes: catalog.makes(), models: [...pairs.values()] };
    cache.set(catalog, vocabulary);
  }
  if (!knowledge) return vocabulary;
  let byKnowledge = withBranches.get(catalog);
  if (!byKnowledge) withBranches.set(catalog, (byKnowledge = new WeakMap()));
  let full = byKnowledge.get(knowledge);
  if (!full) {
    full = { ...vocabulary, branches: knowledge.branches.map((b) => ({ name: b.name, city: b.city })) };
    byKnowledge.set(knowledge, full);
  }
  return full;
}
