import type { Entities } from '../../../core/intents/schema.js';
import { emptyEntities } from '../../../core/intents/schema.js';
import type { CarIndex } from './car-index.js';
import { findCars } from './cars.js';
import type { BodyWish } from './body-types.js';
import { findBodyWish } from './body-types.js';
import type { CarQuestion } from './car-questions.js';
import { findCarQuestion } from './car-questions.js';
import { findCity } from './cities.js';
import { isShownReference } from './shown-reference.js';
import { findComparison, findStockIdComparison } from './comparison.js';
import { findFeatures } from './features.js';
import type { NormalizedText } from './normalize.js';
import type { NumberHints, RoledNumber } from './number-roles.js';
import { classifyNumbers } from './number-roles.js';
import { DOWN_WORDS, FRACTION_DOWN, FRACTION_PERCENT, MINIMUM_DOWN } from './number-cues.js';
import { findNumbers } from '../../../tools/text/numbers.js';
import { findBareName, findCustomerName } from './person.js';
import { findCheaper, findPick } from './picks.js';
import { findOrdering, findOrderingRange, findSecondOrdering, findScope, findWhatFits } from './ordering.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll, overlaps } from '../../../tools/text/span.js';
import { findTime } from './time.js';
import { findMakeOrigin } from './make-origin.js';
import type { BranchIndex } from './branches.js';
import { findBranch } from './branches.js';
import { findUsage } from './usage.js';
import { tokenize } from '../../../tools/text/tokens.js';

/** Where things were said, so intents inferred from entities alone keep the message's order. */
export interface EntityPositions {
  /** Anything that describes a car to look for: names, years, prices, km, features, "más barato". */
  search: number | null;
  /** Car identity only: make, model, year, stock id, pick. */
  identity: number | null;
  /** Down payment, term, monthly payment. */
  financing: number | null;
  time: number | null;
  city: number | null;
  name: number | null;
  pick: number | null;
  /** "¿Qué me alcanza?": a search by what a budget or a monthly payment affords. */
  whatFits: number | null;
  /** A question about the car in focus ("¿cuántos km tiene?"). */
  carQuestion: number | null;
}

export interface ExtractedEntities {
  entities: Entities;
  positions: EntityPositions;
  /** Everything a "¿tienen…?" could be asking for: named (a car, a year, a price…) or a noun ("carros", "algo"). */
  carObjects: CarObject[];
}

const CAR_OBJECT_WORDS =
  /\b(carros?|autos?|coches?|naves?|camionetas?|trocas?|vehiculos?|sedan(es)?|suvs?|pick\s*ups?|vochos?|carritos?|ranflas?|unidad(es)?|seminuevos?|cars?|trucks?|vehicles?|modelos?|algo|alguno|alguna|algunos|opciones|otros?|otras?|uno|una\s+(?=(?:que|con|de)\b)|something|anything|options)\b/;

export interface CarObject {
  position: number;
  /** A car name, year, price, feature…; false for a bare noun like "autos" or "algo". */
  named: boolean;
}

export interface ExtractionOptions {
  hints: NumberHints;
  listLength: number;
  /** The agent asked for the customer's name: a bare "Juan" is one. */
  expectName?: boolean;
  /** Spans to ignore, e.g. the customer's own car in "vender mi Jetta 2015". */
  exclude?: readonly Span[];
  /** The knowledge base's branches, when the vocabulary has them. */
  branches?: BranchIndex;
  /** How many cars the last list showed: "¿cuál es más barato?" asks among them. */
  shownCount?: number;
}

export function extractEntities(
  source: NormalizedText,
  index: CarIndex,
  options: ExtractionOptions,
): ExtractedEntities {
  const normalized = blankOut(source, options.exclude ?? []);
  const text = normalized.text;
  const cars = findCars(text, index);
  const time = findTime(normalized);
  const features = findFeatures(text);
  const usage = findUsage(text);
  const question = findCarQuestion(text);
  const body = findBodyWish(text);
  const numberMasks: Span[] = [
    ...cars,
    ...(time ? [time] : []),
    ...usage.spans,
    ...[...features.spans, ...question.spans, ...body.spans].filter((s) =>
      /\d/.test(text.slice(s.start, s.end)),
    ),
  ];
  // "mi auto" is the customer's own car, not one to look for.
  const nouns = findAll(text, CAR_OBJECT_WORDS)
    .filter((h) => !/\b(mi|mis|nuestro|nuestra|tu)\s+$/.test(text.slice(Math.max(0, h.start - 10), h.start)))
    .map((h) => ({ position: h.start, named: false }));
  // "¿tienes algo de 200 mil?" / "¿y un Jetta de 250?" look for another car: that amount is a budget.
  const hints = {
    ...options.hints,
    planForCar: options.hints.planForCar === true && cars.length === 0 && nouns.length === 0,
  };
  const numbers = classifyNumbers(text, findNumbers(tokenize(text), numberMasks), hints);
  const branch = options.branches ? findBranch(text, options.branches) : null;
  const city = findCity(text);
  const name = findCustomerName(normalized) ?? (options.expectName ? findBareName(normalized) : null);
  const pick = findPick(text, options.listLength);
  const ordering = findOrdering(text);
  const scope = findScope(text, ordering, options.shownCount ?? 0);
  const whatFits = findWhatFits(text);
  // "el más barato" is a superlative, not "something cheaper than these".
  const cheaperHit = findCheaper(text);
  const cheaper = cheaperHit && !(ordering && overlaps(cheaperHit, ordering)) ? cheaperHit : null;

  const entities = emptyEntities();
  const firstCar = cars[0];
  if (firstCar) {
    entities.make = firstCar.make;
    entities.model = cars.find((c) => c.make === firstCar.make && c.model !== null)?.model ?? null;
  }
  applyNumbers(entities, numbers);
  const minimum = findMinimumDownPayment(text, options.hints);
  entities.downPaymentMinimum = minimum === null ? null : true;
  const fraction = findFractionDownPayment(text, options.hints);
  if (fraction && entities.downPaymentAmount === null) entities.downPaymentPercent ??= fraction.percent;
  entities.bluetooth = features.bluetooth;
  entities.carplay = features.carplay;
  entities.transmission = features.transmission;
  entities.otherFeatures = features.otherFeatures;
  entities.city = city?.city ?? branch?.city ?? null;
  entities.branch = branch?.branch ?? null;
  entities.usageDays = usage.days;
  entities.usageKm = usage.km;
  entities.customerName = name?.name ?? null;
  entities.pick = pick?.pick ?? null;
  entities.cheaper = cheaper ? true : null;
  entities.makeOrigin = entities.make === null ? findMakeOrigin(text) : null;
  entities.sortBy = ordering?.sortBy ?? null;
  // "pásamelas de la más barata a la más cara": the list in that order.
  entities.wantsOne = findOrderingRange(text, ordering) ? false : (ordering?.wantsOne ?? null);
  entities.alsoSortBy = findSecondOrdering(text, ordering)?.sortBy ?? null;
  entities.scope = scope?.scope ?? null;
  entities.preferredTime = time?.text ?? null;
  applyCarQuestion(entities, question, body);
  entities.comparedCars = findComparison(text, cars);
  if (entities.comparedCars.length === 0) entities.comparedCars = findStockIdComparison(text, numbers);
  entities.shownReference = isShownReference(text, entities, options.shownCount ?? 0) ? true : null;

  const at = (kinds: readonly RoledNumber['role']['kind'][]): number[] =>
    numbers.filter((n) => kinds.includes(n.role.kind)).map((n) => n.mention.start);
  const identity = [...cars.map((c) => c.start), ...at(['year', 'stockId']), ...(pick ? [pick.start] : [])];
  const search = [
    ...identity,
    ...at(['price', 'km']),
    ...features.spans.map((s) => s.start),
    ...body.spans.map((s) => s.start),
    ...(question.start !== null ? [question.start] : []),
    ...(cheaper ? [cheaper.start] : []),
    ...(ordering ? [ordering.start] : []),
    ...(whatFits ? [whatFits.start] : []),
  ];
  return {
    entities,
    positions: {
      search: first(search),
      identity: first(identity),
      financing: first([
        ...at(['downPaymentAmount', 'downPaymentPercent', 'termYears', 'monthly']),
        ...(minimum === null ? [] : [minimum]),
        ...(fraction ? [fraction.start] : []),
      ]),
      time: time?.start ?? null,
      city: city?.start ?? branch?.start ?? null,
      name: name?.start ?? null,
      pick: pick?.start ?? null,
      whatFits: whatFits?.start ?? null,
      carQuestion: question.start,
    },
    carObjects: [...search.map((position) => ({ position, named: true })), ...nouns].sort(
      (a, b) => a.position - b.position,
    ),
  };
}

/**
 * What is asked about the car in focus is not a filter to search with: "¿es automático?" asks,
 * "busco automático" filters; the same for a body type or seats asked about ("¿es sedán?").
 */
function applyCarQuestion(entities: Entities, question: CarQuestion, body: BodyWish): void {
  const asked = question.attributes;
  entities.carQuestion = [...asked];
  entities.spaceLengthM = question.space.length;
  entities.spaceWidthM = question.space.width;
  entities.spaceHeightM = question.space.height;
  entities.fitsSpace = question.fitsSpace ? true : null;
  entities.bodyTypes = asked.includes('body_type') ? [] : [...body.bodyTypes];
  entities.seatsMin = asked.includes('seats') ? null : body.seatsMin;
  entities.carUse = body.carUse;
  if (asked.includes('bluetooth')) entities.bluetooth = null;
  if (asked.includes('carplay')) entities.carplay = null;
  if (asked.includes('transmission')) entities.transmission = null;
}

function applyNumbers(entities: Entities, numbers: readonly RoledNumber[]): void {
  const years = { exact: [] as number[], min: [] as number[], max: [] as number[] };
  const prices = { min: [] as number[], max: [] as number[] };
  for (const { role } of numbers) {
    switch (role.kind) {
      case 'year':
        years[role.bound].push(role.value);
        break;
      case 'price':
        prices[role.bound].push(role.value);
        break;
      case 'km':
        entities.kmMax ??= role.value;
        break;
      case 'downPaymentAmount':
        entities.downPaymentAmount ??= role.value;
        break;
      case 'downPaymentPercent':
        entities.downPaymentPercent ??= role.value;
        break;
      case 'termYears':
        entities.termYears ??= role.value;
        break;
      case 'monthly':
        entities.monthlyPaymentTarget ??= role.value;
        break;
      case 'stockId':
        entities.stockId ??= role.id;
        break;
      case 'small':
      case 'none':
        break;
    }
  }
  const lows = [...years.exact, ...years.min];
  const highs = [...years.exact, ...years.max];
  entities.yearMin = lows.length > 0 ? Math.min(...lows) : null;
  entities.yearMax = highs.length > 0 ? Math.max(...highs) : null;
  entities.priceMin = prices.min.length > 0 ? Math.min(...prices.min) : null;
  entities.priceMax = prices.max.length > 0 ? Math.max(...prices.max) : null;
}

/** Where "lo mínimo" asks for the lowest down payment: in a payments talk, or next to "enganche". */
function findMinimumDownPayment(text: string, hints: NumberHints): number | null {
  const match = MINIMUM_DOWN.exec(text);
  if (!match) return null;
  return hints.financing || DOWN_WORDS.test(text) ? match.index : null;
}

/** "una cuarta parte de enganche": a share of the price, in a payments talk or next to "enganche". */
function findFractionDownPayment(
  text: string,
  hints: NumberHints,
): { percent: number; start: number } | null {
  const match = FRACTION_DOWN.exec(text);
  if (!match || !(hints.financing || DOWN_WORDS.test(text))) return null;
  const word = match[1] ?? match[2] ?? match[3] ?? '';
  const percent = FRACTION_PERCENT[word];
  return percent === undefined ? null : { percent, start: match.index };
}

function first(positions: readonly number[]): number | null {
  return positions.length > 0 ? Math.min(...positions) : null;
}

/** The text with some spans turned to spaces: positions stay valid, their words are gone. */
function blankOut(normalized: NormalizedText, spans: readonly Span[]): NormalizedText {
  if (spans.length === 0) return normalized;
  const chars = normalized.text.split('');
  for (const { start, end } of spans) for (let i = start; i < end && i < chars.length; i++) chars[i] = ' ';
  return { ...normalized, text: chars.join('') };
}
