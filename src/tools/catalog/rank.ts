import type { Car, CarQuery } from './types.js';

export type SortMode = NonNullable<CarQuery['sort']>;

/** Catalog-wide ranges, computed once, that put year, km and price on a 0–1 scale. */
export interface CatalogStats {
  minYear: number;
  maxYear: number;
  maxKm: number;
  minPriceCents: number;
  maxPriceCents: number;
}

export function catalogStats(cars: readonly Car[]): CatalogStats {
  const stats = {
    minYear: Infinity,
    maxYear: -Infinity,
    maxKm: 0,
    minPriceCents: Infinity,
    maxPriceCents: 0,
  };
  for (const car of cars) {
    stats.minYear = Math.min(stats.minYear, car.year);
    stats.maxYear = Math.max(stats.maxYear, car.year);
    stats.maxKm = Math.max(stats.maxKm, car.km);
    stats.minPriceCents = Math.min(stats.minPriceCents, car.priceCents);
    stats.maxPriceCents = Math.max(stats.maxPriceCents, car.priceCents);
  }
  return stats;
}

/** Share of the budget under which a price counts as comfortably inside it. */
const COMFORTABLE_SHARE = 0.85;

/**
 * How well a price fits: 1 up to 85% of the budget, falling to 0 at the budget and below 0 over
 * it (only alternatives can be over). Without a budget, cheaper is a little better.
 */
function priceFit(priceCents: number, stats: CatalogStats, budgetCents: number | undefined): number {
  if (budgetCents !== undefined && budgetCents > 0) {
    const share = priceCents / budgetCents;
    if (share <= COMFORTABLE_SHARE) return 1;
    if (share <= 1) return (1 - share) / (1 - COMFORTABLE_SHARE);
    return -5 * (share - 1);
  }
  const span = stats.maxPriceCents - stats.minPriceCents;
  return span > 0 ? 1 - (priceCents - stats.minPriceCents) / span : 1;
}

/** Relevance: newer, fewer km and a price well within budget; weights sum to 1. */
export function relevance(car: Car, stats: CatalogStats, budgetCents: number | undefined): number {
  const yearSpan = stats.maxYear - stats.minYear;
  const year = yearSpan > 0 ? (car.year - stats.minYear) / yearSpan : 1;
  const km = stats.maxKm > 0 ? 1 - car.km / stats.maxKm : 1;
  return 0.4 * year + 0.35 * km + 0.25 * priceFit(car.priceCents, stats, budgetCents);
}

/** Numeric stock ids compare as numbers ("99" < "100"); any other as text. */
export function compareStockIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Ranked {
  car: Car;
  score: number;
}

/** Largo × ancho × alto in m³; null when the CSV lacks a dimension. */
export function carVolume(car: Car): number | null {
  const { lengthMm, widthMm, heightMm } = car;
  return lengthMm !== null && widthMm !== null && heightMm !== null
    ? (lengthMm * widthMm * heightMm) / 1e9
    : null;
}

/** Bigger first (or smaller, `sign` = -1); a car without dimensions always last. */
function bySize(sign: 1 | -1): (a: Ranked, b: Ranked) => number {
  return (a, b) => {
    const sa = carVolume(a.car);
    const sb = carVolume(b.car);
    if (sa === null || sb === null) return sa === sb ? 0 : sa === null ? 1 : -1;
    return sign * (sb - sa);
  };
}

/** Best first for the sort mode; ties always broken by stock id so results never shuffle. */
export function comparator(sort: SortMode): (a: Ranked, b: Ranked) => number {
  const primary: Record<SortMode, (a: Ranked, b: Ranked) => number> = {
    relevance: (a, b) => b.score - a.score,
    price_asc: (a, b) => a.car.priceCents - b.car.priceCents,
    price_desc: (a, b) => b.car.priceCents - a.car.priceCents,
    year_desc: (a, b) => b.car.year - a.car.year || a.car.km - b.car.km,
    year_asc: (a, b) => a.car.year - b.car.year || a.car.km - b.car.km,
    km_asc: (a, b) => a.car.km - b.car.km,
    km_desc: (a, b) => b.car.km - a.car.km,
    size_desc: bySize(1),
    size_asc: bySize(-1),
  };
  const first = primary[sort];
  return (a, b) => first(a, b) || compareStockIds(a.car.stockId, b.car.stockId);
}

/** A few cars (e.g. the ones just shown) in the order of a sort mode, best first. */
export function sortCars(cars: readonly Car[], sort: SortMode): Car[] {
  const compare = comparator(sort);
  return cars
    .map((car) => ({ car, score: 0 }))
    .sort(compare)
    .map((ranked) => ranked.car);
}

/**
 * Keeps `best` the `limit` best items seen, best first: O(limit) per item, no full sort. The item
 * is copied only when it gets in, so a caller may reuse one scratch object for a whole scan.
 */
export function insertTop(
  best: Ranked[],
  item: Ranked,
  limit: number,
  compare: (a: Ranked, b: Ranked) => number,
): void {
  if (best.length === limit && compare(item, best[limit - 1]!) >= 0) return;
  let at = best.length;
  while (at > 0 && compare(item, best[at - 1]!) < 0) at--;
  best.splice(at, 0, { ...item });
  if (best.length > limit) best.pop();
}
