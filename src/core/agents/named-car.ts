import type { Car } from '../../tools/catalog/types.js';
import type { AgentContext } from './agent.js';
import { useTool } from './agent.js';

/**
 * The car this message names — by stock id, or make/model/year — if the catalog has it. A name
 * said during a search ("el kia, ¿cuántos km tiene?" after manual cars under 200 mil) means the
 * one of that search first: the budget, transmission and km asked for still hold when a car of
 * that name meets them.
 */
export function namedCar(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  const e = ctx.entities;
  if (e.stockId)
    return useTool(ctx, 'catalog.byStockId', { stockId: e.stockId }, () => catalog.byStockId(e.stockId!));
  // "la del 18" among the cars shown: a year alone names the one of that year.
  const yearOnly = !e.make && !e.model && e.yearMin !== null && e.yearMin === e.yearMax;
  if (!e.make && !e.model && !yearOnly) return undefined;
  // "ok the mazda", "¿la toyota es 4x4?": a name that fits a car just discussed or shown is that car.
  const discussed = [ctx.profile.carUnderDiscussion, ...ctx.profile.lastRecommended]
    .flatMap((id) => (id === null ? [] : [catalog.byStockId(id)]))
    .find((car): car is Car => car !== undefined && hasName(car, e, catalog));
  if (discussed) return useTool(ctx, 'catalog.byStockId', { stockId: discussed.stockId }, () => discussed);
  if (yearOnly) return undefined;
  const query = {
    ...(e.make ? { make: e.make } : {}),
    ...(e.model ? { model: e.model } : {}),
    ...(e.yearMin !== null ? { yearMin: e.yearMin } : {}),
    ...(e.yearMax !== null ? { yearMax: e.yearMax } : {}),
    limit: 1,
  };
  const prefs = ctx.profile.preferences;
  const ceiling = searchCeiling(ctx.profile);
  const within = {
    ...query,
    ...(ceiling !== null ? { priceMax: ceiling } : {}),
    ...(prefs.transmission ? { transmission: prefs.transmission } : {}),
    ...(prefs.kmMax !== null ? { kmMax: prefs.kmMax } : {}),
  };
  const searched =
    Object.keys(within).length > Object.keys(query).length
      ? useTool(ctx, 'catalog.search', within, () => catalog.search(within)).cars[0]
      : undefined;
  if (searched) return searched;
  // "el Rio 2020 de 217 mil" when that Rio costs 217,999: over the budget, the cheapest of the
  // name is the closest to it, not whichever the search ranks first.
  const closest = ceiling !== null ? { ...query, sort: 'price_asc' as const } : query;
  return useTool(ctx, 'catalog.search', closest, () => catalog.search(closest)).cars[0];
}

/** A car's name as a message gives it: each part may be missing. */
export interface CarName {
  make: string | null;
  model: string | null;
  yearMin: number | null;
  yearMax: number | null;
}

/**
 * Whether `car` answers to `name`, make and model read through the catalog's names ("vw" is
 * Volkswagen, "crv" the CR-V), so the same words find the same car wherever a name is matched.
 */
export function hasName(car: Car, name: CarName, catalog: AgentContext['tools']['catalog']): boolean {
  const make = name.make === null ? null : (catalog.resolveMake(name.make)?.make ?? name.make);
  const model =
    name.model === null ? null : (catalog.resolveModel(name.model, make ?? undefined)?.model ?? name.model);
  return (
    (make === null || car.make === make) &&
    (model === null || car.model === model) &&
    (name.yearMin === null || car.year >= name.yearMin) &&
    (name.yearMax === null || car.year <= name.yearMax)
  );
}

/** The most a search may cost: the budget stated, or "¿algo más barato?"'s ceiling, the lower. */
export function searchCeiling(profile: AgentContext['profile']): number | null {
  const ceilings = [profile.budgetMax, profile.preferences.priceCeiling].filter(
    (p): p is number => p !== null,
  );
  return ceilings.length ? Math.min(...ceilings) : null;
}
