import {
  type Constraints,
  matches,
  RELAX_STEPS,
  relaxedKeys,
  relaxSteps,
  toConstraints,
} from './constraints.js';
import { type CatalogStats, comparator, insertTop, type Ranked, relevance } from './rank.js';
import type { NameResolver } from './resolver.js';
import { resolveQueryNames } from './query-names.js';
import type { Car, CarQuery, CatalogSearchResult } from './types.js';

export const DEFAULT_LIMIT = 3;

/** What search needs, built once per catalog. */
export interface SearchIndex {
  cars: readonly Car[];
  resolver: NameResolver;
  stats: CatalogStats;
}

function run(index: SearchIndex, constraints: Constraints, query: CarQuery, budgetCents: number | undefined) {
  const compare = comparator(query.sort ?? 'relevance');
  const limit = query.limit !== undefined && query.limit >= 1 ? Math.floor(query.limit) : DEFAULT_LIMIT;
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
function alternatives(
  index: SearchIndex,
  original: Constraints,
  query: CarQuery,
): CatalogSearchResult['alternatives'] {
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
  const names = resolveQueryNames(index.resolver, query);
  const constraints = toConstraints(query, names.make, names.model);
  const { cars, total } = run(index, constraints, query, constraints.priceMaxCents);
  return {
    cars,
    total,
    resolved: names.resolved,
    didYouMean: names.didYouMean,
    unknown: names.unknown,
    alternatives: total > 0 ? { cars: [], relaxed: [] } : alternatives(index, constraints, query),
  };
}
