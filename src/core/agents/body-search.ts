import { USE_BODY_TYPES } from '../../tools/catalog/body-types.js';
import type { CarQuery } from '../../tools/catalog/types.js';
import { BODY_TYPE_LABELS } from '../../tools/text/car-lexicon.js';
import type { BodyType } from '../intents/schema.js';
import type { Profile } from '../profile.js';
import { joinSpanish } from './format.js';

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
