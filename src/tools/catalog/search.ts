import { type Constraints, matches, RELAX_STEPS, relaxedKeys, relaxSteps, toConstraints } from './constraints.js';
import { type CatalogStats, comparator, insertTop, type Ranked, relevance } from './rank.js';
import type { NameResolver } from './resolver.js';
import type { Car, CarQuery, CatalogSearchResult, DidYouMean } from './types.js';

export const DEFAULT_LIMIT = 3;

/** What search needs, built once per catalog. */
export interface SearchIndex {
  cars: readonly Car[];
  resolver: NameResolver;
  stats: CatalogStats;
}

interface ResolvedNames {
  /** Canonical name; null = named but not in the catalog; undefined = not asked. */
  make: string | null | undefined;
  model: string | null | undefined;
  didYouMean: DidYouMean[];
  unknown: CatalogSearchResult['unknown'];
}

const asked = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/** Aliases and typos to catalog names; a model alone also fixes its make ("versa" → Nissan). */
function resolveNames(resolver: NameResolver, query: CarQuery): ResolvedNames {
  const names: ResolvedNames = { make: undefined, model: undefined, didYouMean: [], unknown: [] };
  let modelText = query.model;
  if (asked(query.make)) {
    const found = resolver.lookupMake(query.make);
    if (found.kind === 'exact' || found.kind === 'corrected') {
      names.make = found.value;
      if (found.kind === 'corrected') names.didYouMean.push({ field: 'make', input: query.make, suggestion: found.value });
    } else if (!asked(modelText) && resolver.lookupModel(query.make).kind !== 'none') {
      modelText = query.make; // "vw jetta" or "versa" given as the make
    } else {
      names.make = null;
      names.unknown.push({ field: 'make', input: query.make });
    }
  }
  if (!asked(modelText)) return names;
  const found = resolver.lookupModel(modelText, names.make ?? undefined);
  if (found.kind === 'exact' || found.kind === 'corrected') {
    if (asked(query.make) && names.make && names.make !== found.value.make) {
      names.didYouMean.push({ field: 'make', input: query.make, suggestion: found.value.make });
    }
    names.make = found.value.make;
    names.model = found.value.model;
    if (found.kind === 'corrected') names.didYouMean.push({ field: 'model', input: modelText, suggestion: found.value.model });
    return names;
  }
  const makeInstead = found.kind === 'none' && names.make === undefined ? resolver.lookupMake(modelText) : found;
  if (makeInstead.kind === 'exact' || makeInstead.kind === 'corrected') {
    names.make = makeInstead.value; // "un mazda" put in the model field
    if (makeInstead.kind === 'corrected') names.didYouMean.push({ field: 'make', input: modelText, suggestion: makeInstead.value });
    return names;
  }
  names.model = null;
  names.unknown.push({ field: 'model', input: modelText });
  if (found.kind === 'outside' && names.make === undefined && found.make !== null) names.make = found.make;
  return names;
}

function run(index: SearchIndex, constraints: Constraints, query: CarQuery, budgetCents: number | undefined) {
  const compare = comparator(query.sort ?? 'relevance');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const best: Ranked[] = [];
  let total = 0;
  // Reused for every match; insertTop copies it only when it gets in. (Unused if there are no cars.)
  const scratch: Ranked = { car: index.cars[0]!, score: 0 };
  // One pass, no intermediate arrays: a 100k catalog is scanned in a few milliseconds.
  for (const car of index.cars) {
    if (!matches(car, constraints)) continue;
    total++;
    scratch.car = car;
    scratch.score = relevance(car, index.stats, budgetCents);
    insertTop(best, scratch, limit, compare);
  }
  return { cars: best.map((ranked) => ranked.car), total };
}

/**
 * Relax constraints in RELAX_STEPS order until something matches, then put back every relaxed
 * constraint that is not needed, so "relaxed" names only what had to give.
 */
function alternatives(index: SearchIndex, original: Constraints, query: CarQuery): CatalogSearchResult['alternatives'] {
  const any = (steps: number[]): boolean => {
    const c = relaxSteps(original, steps);
    return index.cars.some((car) => matches(car, c));
  };
  const active = RELAX_STEPS.flatMap((step, i) => (step.present(original).length > 0 ? [i] : []));
  let needed = 1;
  while (needed <= active.length && !any(active.slice(0, needed))) needed++;
  if (needed > active.length) return { cars: [], relaxed: [] };
  let relaxed = active.slice(0, needed);
  for (const step of relaxed.slice(0, -1)) {
    const tighter: number[] = relaxed.filter((other) => other !== step);
    if (any(tighter)) relaxed = tighter;
  }
  const { cars } = run(index, relaxSteps(original, relaxed), query, original.priceMaxCents);
  return { cars, relaxed: relaxedKeys(original, relaxed) };
}

export function searchCatalog(index: SearchIndex, query: CarQuery): CatalogSearchResult {
  const names = resolveNames(index.resolver, query);
  const resolved: CarQuery = { ...query };
  if (names.make !== undefined) resolved.make = names.make ?? query.make;
  if (names.model !== undefined) resolved.model = names.model ?? query.model ?? query.make;
  const constraints = toConstraints(query, names.make, names.model);
  const { cars, total } = run(index, constraints, query, constraints.priceMaxCents);
  return {
    cars,
    total,
    resolved,
    didYouMean: names.didYouMean,
    unknown: names.unknown,
    alternatives: total > 0 ? { cars: [], relaxed: [] } : alternatives(index, constraints, query),
  };
}
