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
    vocabulary = { makes: catalog.makes(), models: [...pairs.values()], versionNames: versionNames(catalog) };
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

/** "M2", "M135I": a letter or two, then digits, then at most one letter. */
const VERSION_NAME = /^[a-z]{1,2}\d{1,3}[a-z]?$/;
/** Engine words that many models share even when the sample has one ("V6", "T4"): never a name. */
const ENGINE_WORD = /^(?:v\d{1,2}|t\d|l\d|i\d)$/;

/** The version names of the catalog that belong to one make and model only. */
function versionNames(catalog: Catalog): NonNullable<Vocabulary['versionNames']> {
  const owners = new Map<string, Set<string>>();
  const modelKeys = new Set(catalog.cars.map((car) => car.model.toLowerCase().replace(/[^a-z0-9]/g, '')));
  for (const car of catalog.cars) {
    for (const token of car.version.toLowerCase().split(/[^a-z0-9]+/)) {
      if (!VERSION_NAME.test(token) || ENGINE_WORD.test(token) || modelKeys.has(token)) continue;
      const owner = `${car.make}\u0000${car.model}`;
      owners.set(token, (owners.get(token) ?? new Set()).add(owner));
    }
  }
  return [...owners].flatMap(([name, models]) => {
    if (models.size !== 1) return [];
    const [make, model] = [...models][0]!.split('\u0000') as [string, string];
    return [{ name, make, model }];
  });
}
