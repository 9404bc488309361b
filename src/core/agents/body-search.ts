import { bodyFacts, USE_BODY_TYPES } from '../../tools/catalog/body-types.js';
import type { CarQuery, CatalogSearchResult } from '../../tools/catalog/types.js';
import { BODY_TYPE_LABELS } from '../../tools/text/car-lexicon.js';
import type { BodyType } from '../intents/schema.js';
import type { Profile } from '../profile.js';
import { joinSpanish } from './format.js';
import { useTool, type AgentContext } from './agent.js';

const PLURAL: Readonly<Record<BodyType, string>> = {
  sedan: 'sedanes',
  hatchback: 'hatchbacks',
  suv: 'SUVs',
  pickup: 'pickups',
  minivan: 'minivans',
  van: 'vans',
  coupe: 'coupés',
  convertible: 'convertibles',
};

const USE_LABEL = { work: 'Para trabajo', family: 'Para la familia' } as const;

/**
 * The body type, seats and use asked for, as catalog filters, and the sentence that says what a
 * use was read as ("Para trabajo te muestro pickups y vans"): the customer sees the mapping.
 */
export function applyBodyFilters(query: CarQuery, prefs: Profile['preferences']): string | null {
  const use = prefs.carUse ? USE_BODY_TYPES[prefs.carUse] : null;
  const bodyTypes = prefs.bodyTypes.length > 0 ? prefs.bodyTypes : (use?.bodyTypes ?? []);
  const seatsMin = Math.max(prefs.seatsMin ?? 0, use?.seatsMin ?? 0);
  if (bodyTypes.length > 0) query.bodyTypes = [...bodyTypes];
  if (seatsMin > 0) query.seatsMin = seatsMin;
  if (!prefs.carUse) return null;
  const seats = seatsMin > 0 ? ` de ${seatsMin} pasajeros o más` : '';
  return `${USE_LABEL[prefs.carUse]} busqué ${joinSpanish(bodyTypes.map((b) => PLURAL[b]))}${seats}.`;
}

export function bodyTypeLabel(bodyType: BodyType): string {
  return BODY_TYPE_LABELS[bodyType];
}

/**
 * "¿Tienen Hilux?" with no Hilux in stock: the cars of the kind that model is (the pickups), of
 * any make, within the rest of the search. Undefined when the model's kind is unknown, another
 * kind was asked, or none is in stock.
 */
export function sameKindAsMissingModel(
  ctx: AgentContext,
  query: CarQuery,
  result: CatalogSearchResult,
): { label: string; result: CatalogSearchResult } | undefined {
  const missing = result.unknown.find((u) => u.field === 'model');
  if (!missing) return undefined;
  const make = result.resolved.make ?? '';
  const { bodyType } = bodyFacts(make, missing.input, '');
  // "pa la chamba… ¿no tienes una Hilux?": the kinds asked already, when the model is one of them.
  const asked = query.bodyTypes ?? [];
  if (!bodyType || (asked.length > 0 && !asked.includes(bodyType))) return undefined;
  const { make: _make, model: _model, makeOrigin: _origin, ...rest } = query;
  const search = (q: CarQuery) => useTool(ctx, 'catalog.search', q, () => ctx.tools.catalog.search(q));
  // "¿hay Camry?": the make's own cars of that kind first (a Corolla), then any make's.
  const ofMake = make ? search({ ...rest, make, bodyTypes: [bodyType] }).cars : [];
  const found = search({ ...rest, bodyTypes: [bodyType] });
  const limit = query.limit ?? ofMake.length;
  const cars = [...ofMake, ...found.cars.filter((c) => !ofMake.some((m) => m.stockId === c.stockId))].slice(
    0,
    Math.max(limit, 1),
  );
  return cars.length ? { label: PLURAL[bodyType], result: { ...found, cars } } : undefined;
}
