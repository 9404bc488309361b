import type { Entities, Intent } from './intents/schema.js';
import { emptyEntities } from './intents/schema.js';
import type { Profile } from './profile.js';
import { TERM_YEARS } from '../tools/financing.js';

/** One entity set for the turn: the first value each intent gives, features joined. */
export function combineEntities(intents: Intent[]): Entities {
  const combined = emptyEntities();
  for (const { entities } of intents) {
    for (const key of Object.keys(combined) as (keyof Entities)[]) {
      if (Array.isArray(combined[key])) continue;
      if (combined[key] === null && entities[key] !== null)
        (combined as Record<string, unknown>)[key] = entities[key];
    }
    for (const feature of entities.otherFeatures) {
      if (!combined.otherFeatures.includes(feature)) combined.otherFeatures.push(feature);
    }
    for (const question of entities.questions) {
      if (!combined.questions.includes(question)) combined.questions.push(question);
    }
    for (const asked of entities.carQuestion)
      if (!combined.carQuestion.includes(asked)) combined.carQuestion.push(asked);
    for (const body of entities.bodyTypes)
      if (!combined.bodyTypes.includes(body)) combined.bodyTypes.push(body);
    if (combined.comparedCars.length === 0) combined.comparedCars = [...entities.comparedCars];
  }
  return combined;
}

/**
 * What this message adds to what the conversation knew. Naming another car resets the search
 * filters that were about the previous one, unless restated.
 */
export function mergeIntoProfile(profile: Profile, said: Entities): Profile {
  // Round 3, item 3: "el de 2019" describes a car on the table; its year is no new search filter.
  const e: Entities =
    said.shownReference === true
      ? {
          ...said,
          priceMax: null,
          priceMin: null,
          yearMin: null,
          yearMax: null,
          kmMax: null,
          transmission: null,
          bodyTypes: [],
        }
      : said;
  const next: Profile = structuredClone(profile);
  if (e.customerName) next.name = e.customerName;
  if (e.city) next.city = e.city;
  if (e.priceMax !== null) next.budgetMax = e.priceMax;
  if (e.priceMin !== null) next.budgetMin = e.priceMin;
  if (e.downPaymentAmount !== null) {
    next.downPaymentAmount = e.downPaymentAmount;
    next.downPaymentPercent = null;
  } else if (e.downPaymentPercent !== null) {
    next.downPaymentPercent = e.downPaymentPercent;
    next.downPaymentAmount = null;
  } else if (e.downPaymentMinimum === true) {
    // "¿y con lo mínimo?": the earlier amount no longer holds; the plan uses the tool's minimum.
    next.downPaymentAmount = null;
    next.downPaymentPercent = null;
  }
  if (e.termYears !== null && (TERM_YEARS as readonly number[]).includes(e.termYears))
    next.termYears = e.termYears;
  if (e.monthlyPaymentTarget !== null) next.monthlyPaymentTarget = e.monthlyPaymentTarget;
  // 'visit' is what a bare "sí, agéndame" reads as: it must not undo a test drive being arranged.
  if (e.salesAction && !(e.salesAction === 'visit' && next.salesAction)) next.salesAction = e.salesAction;
  if (e.preferredTime) next.preferredTime = e.preferredTime;
  if (e.homeDelivery !== null) next.homeDelivery = e.homeDelivery;

  const prefs = next.preferences;
  // "mejor algo japonés" after a make: a new search, like a make named.
  const newOrigin = e.makeOrigin !== null && e.make === null && e.makeOrigin !== prefs.makeOrigin;
  const newCar =
    (e.make !== null && e.make !== prefs.make) || (e.model !== null && e.model !== prefs.model) || newOrigin;
  if (newCar) {
    prefs.make = e.make;
    prefs.model = e.model;
    prefs.makeOrigin = null;
    prefs.yearMin = null;
    prefs.yearMax = null;
    prefs.kmMax = null;
    prefs.priceCeiling = null;
  }
  if (newOrigin) prefs.makeOrigin = e.makeOrigin;
  if (e.yearMin !== null) prefs.yearMin = e.yearMin;
  if (e.yearMax !== null) prefs.yearMax = e.yearMax;
  if (e.kmMax !== null) prefs.kmMax = e.kmMax;
  if (e.bluetooth !== null) prefs.bluetooth = e.bluetooth;
  if (e.carplay !== null) prefs.carplay = e.carplay;
  if (e.transmission !== null) prefs.transmission = e.transmission;
  // A list order stays for the next lists; "el más nuevo" or "de esos" picks once.
  if (e.sortBy !== null && e.wantsOne !== true && e.scope !== 'shown') prefs.sortBy = e.sortBy;
  // Issue 10, item 3: a body type or use is a search filter until another one is said.
  if (newCar && e.bodyTypes.length === 0 && e.carUse === null) {
    prefs.bodyTypes = [];
    prefs.seatsMin = null;
  }
  if (e.bodyTypes.length > 0 || e.carUse !== null) prefs.bodyTypes = [...e.bodyTypes];
  if (e.carUse !== null) prefs.carUse = e.carUse;
  else if (e.bodyTypes.length > 0) prefs.carUse = null;
  if (e.seatsMin !== null) prefs.seatsMin = e.seatsMin;
  if (e.spaceLengthM !== null) prefs.spaceLengthM = e.spaceLengthM;
  if (e.spaceWidthM !== null) prefs.spaceWidthM = e.spaceWidthM;
  if (e.spaceHeightM !== null) prefs.spaceHeightM = e.spaceHeightM;
  return next;
}
