import type { BodyType, Transmission } from './vocabulary.js';
import { pesosToCents } from '../money.js';
import type { Car, CarQuery } from './types.js';
import { makeIsOf, type MakeOrigin } from './make-origins.js';

/**
 * A query turned into checks on Car fields. make/model `null` means the customer named something
 * the catalog does not have: nothing matches until that constraint is relaxed.
 */
export interface Constraints {
  make?: string | null;
  model?: string | null;
  makeOrigin?: MakeOrigin;
  yearMin?: number;
  yearMax?: number;
  priceMinCents?: number;
  priceMaxCents?: number;
  kmMax?: number;
  /** Only `true` filters: an empty cell is not proof the car has it. */
  bluetooth: boolean;
  carplay: boolean;
  transmission?: Transmission;
  /** Unknown body type or seats never match: the table and version text must say so. */
  bodyTypes?: ReadonlySet<BodyType>;
  seatsMin?: number;
  lengthMaxMm?: number;
  exclude: ReadonlySet<string>;
}

const finite = (value: number | undefined): number | undefined =>
  value !== undefined && Number.isFinite(value) ? value : undefined;

export function toConstraints(
  query: CarQuery,
  make: string | null | undefined,
  model: string | null | undefined,
): Constraints {
  const priceMin = finite(query.priceMin);
  const priceMax = finite(query.priceMax);
  return {
    make,
    model,
    makeOrigin: make ? undefined : query.makeOrigin,
    yearMin: finite(query.yearMin),
    yearMax: finite(query.yearMax),
    priceMinCents: priceMin === undefined ? undefined : pesosToCents(priceMin),
    priceMaxCents: priceMax === undefined ? undefined : pesosToCents(priceMax),
    kmMax: finite(query.kmMax),
    bluetooth: query.bluetooth === true,
    carplay: query.carplay === true,
    transmission: query.transmission,
    bodyTypes: query.bodyTypes?.length ? new Set(query.bodyTypes) : undefined,
    seatsMin: finite(query.seatsMin),
    lengthMaxMm: finite(query.lengthMaxMm),
    exclude: new Set(query.excludeStockIds ?? []),
  };
}

export function matches(car: Car, c: Constraints): boolean {
  return (
    (c.make === undefined || car.make === c.make) &&
    (c.model === undefined || car.model === c.model) &&
    (c.makeOrigin === undefined || makeIsOf(car.make, c.makeOrigin)) &&
    (c.yearMin === undefined || car.year >= c.yearMin) &&
    (c.yearMax === undefined || car.year <= c.yearMax) &&
    (c.priceMinCents === undefined || car.priceCents >= c.priceMinCents) &&
    (c.priceMaxCents === undefined || car.priceCents <= c.priceMaxCents) &&
    (c.kmMax === undefined || car.km <= c.kmMax) &&
    (!c.bluetooth || car.bluetooth === true) &&
    (!c.carplay || car.carplay === true) &&
    (c.transmission === undefined || car.transmission === c.transmission) &&
    (c.bodyTypes === undefined || (car.bodyType !== null && c.bodyTypes.has(car.bodyType))) &&
    (c.seatsMin === undefined || (car.seats !== null && car.seats >= c.seatsMin)) &&
    (c.lengthMaxMm === undefined || (car.lengthMm !== null && car.lengthMm <= c.lengthMaxMm)) &&
    !c.exclude.has(car.stockId)
  );
}

/** How far a budget may stretch before the price is dropped altogether. */
export const BUDGET_STRETCH = 1.2;

interface RelaxStep {
  keys: readonly (keyof CarQuery)[];
  /** Keys of this step the query actually set (empty = the step changes nothing). */
  present(c: Constraints): (keyof CarQuery)[];
  relax(c: Constraints): Constraints;
}

const when = (key: keyof CarQuery, set: boolean): (keyof CarQuery)[] => (set ? [key] : []);

/**
 * The order in which constraints give way when nothing matches: the least important first (a
 * body type or seats before the budget: a list never tops a stated budget when another car fits
 * it), the budget only by 20%, then the model (keeping the make), then the make, the budget last.
 */
export const RELAX_STEPS: readonly RelaxStep[] = [
  {
    keys: ['kmMax'],
    present: (c) => when('kmMax', c.kmMax !== undefined),
    relax: (c) => ({ ...c, kmMax: undefined }),
  },
  {
    keys: ['yearMin', 'yearMax'],
    present: (c) => [
      ...when('yearMin', c.yearMin !== undefined),
      ...when('yearMax', c.yearMax !== undefined),
    ],
    relax: (c) => ({ ...c, yearMin: undefined, yearMax: undefined }),
  },
  {
    keys: ['bluetooth', 'carplay'],
    present: (c) => [...when('bluetooth', c.bluetooth), ...when('carplay', c.carplay)],
    relax: (c) => ({ ...c, bluetooth: false, carplay: false }),
  },
  {
    keys: ['transmission'],
    present: (c) => when('transmission', c.transmission !== undefined),
    relax: (c) => ({ ...c, transmission: undefined }),
  },
  {
    keys: ['bodyTypes', 'seatsMin'],
    present: (c) => [
      ...when('bodyTypes', c.bodyTypes !== undefined),
      ...when('seatsMin', c.seatsMin !== undefined),
    ],
    relax: (c) => ({ ...c, bodyTypes: undefined, seatsMin: undefined }),
  },
  {
    keys: ['priceMin', 'priceMax'],
    present: (c) => [
      ...when('priceMin', c.priceMinCents !== undefined),
      ...when('priceMax', c.priceMaxCents !== undefined),
    ],
    relax: (c) => ({
      ...c,
      priceMinCents: undefined,
      priceMaxCents: c.priceMaxCents === undefined ? undefined : Math.round(c.priceMaxCents * BUDGET_STRETCH),
    }),
  },
  {
    keys: ['model'],
    present: (c) => when('model', c.model !== undefined),
    relax: (c) => ({ ...c, model: undefined }),
  },
  {
    keys: ['make', 'makeOrigin'],
    present: (c) => [
      ...when('make', c.make !== undefined),
      ...when('makeOrigin', c.makeOrigin !== undefined),
    ],
    relax: (c) => ({ ...c, make: undefined, model: undefined, makeOrigin: undefined }),
  },
  {
    keys: ['priceMax'],
    present: (c) => when('priceMax', c.priceMaxCents !== undefined),
    relax: (c) => ({ ...c, priceMaxCents: undefined }),
  },
];

/** The constraints with the given steps (indexes into RELAX_STEPS) relaxed. */
export function relaxSteps(original: Constraints, steps: readonly number[]): Constraints {
  return [...steps].sort((a, b) => a - b).reduce((c, step) => RELAX_STEPS[step]!.relax(c), original);
}

/** Query keys relaxed by these steps, in RELAX_STEPS order, without repeats. */
export function relaxedKeys(original: Constraints, steps: readonly number[]): (keyof CarQuery)[] {
  const keys = [...steps].sort((a, b) => a - b).flatMap((step) => RELAX_STEPS[step]!.present(original));
  return [...new Set(keys)];
}
