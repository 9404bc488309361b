import type { Car } from '../../tools/catalog/types.js';
import type { AgentContext } from './agent.js';

/** The cars of the last list shown, in the order shown (ids the catalog no longer has dropped). */
export function shownCars(ctx: AgentContext): Car[] {
  const { catalog } = ctx.tools;
  return ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
}

/** How near a stated price or km must be to a shown car's ("el de 281 mil" is the $281,999 one). */
const NEAR_SHARE = 0.03;

/**
 * Round 3, item 3: the shown cars that "el hatchback 2018", "el de 281 mil", "el automático"
 * describe (entities.shownReference). A figure picks the nearest car within a few percent. A
 * colour is not in the catalog: it narrows nothing and is reported back as unknown.
 */
export function shownCarsReferred(
  ctx: AgentContext,
): { cars: Car[]; shown: number; unknown: string[] } | undefined {
  const e = ctx.entities;
  const shown = shownCars(ctx);
  if (e.shownReference !== true || shown.length === 0) return undefined;
  let cars = shown.filter(
    (car) =>
      (e.yearMin === null || car.year >= e.yearMin) &&
      (e.yearMax === null || car.year <= e.yearMax) &&
      (e.bodyTypes.length === 0 || (car.bodyType !== null && e.bodyTypes.includes(car.bodyType))) &&
      (e.transmission === null || car.transmission === e.transmission),
  );
  const price = e.priceMax ?? e.priceMin;
  if (price !== null) cars = nearest(cars, (car) => car.priceCents / 100, price);
  if (e.kmMax !== null) cars = nearest(cars, (car) => car.km, e.kmMax);
  return { cars, shown: shown.length, unknown: e.otherFeatures };
}

function nearest(cars: readonly Car[], value: (car: Car) => number, wanted: number): Car[] {
  const distance = (car: Car): number => Math.abs(value(car) - wanted);
  const close = cars.filter((car) => distance(car) <= wanted * NEAR_SHARE);
  const best = Math.min(...close.map(distance));
  return close.filter((car) => distance(car) === best);
}
