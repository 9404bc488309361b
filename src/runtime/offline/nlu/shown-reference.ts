import type { Entities } from '../../../core/intents/schema.js';
import type { HistoryTurn } from '../../../core/tasks.js';

/**
 * Round 3, item 3: "el hatchback 2018", "el de 2019", "la gris", "el de 281 mil", "el automático"
 * point at one of the cars just shown by what it is, not by its place in the list. The shape is a
 * definite article or a demonstrative, then (optionally) a body word and "de", then the attribute;
 * the message neither looks for other cars ("¿tienes…?", "alguno", "otro") nor ranks them ("el
 * más nuevo"). The attribute itself is read by the usual entity readers (year, body type,
 * transmission, price or km, colour); this only says they describe a car on the table.
 */
const BODY = String.raw`suv|sedan|hatchback|hatch|pick\s*up|pickup|troca|camioneta|minivan|van|coupe|convertible`;
const COLOUR = String.raw`gris|plata|platead[oa]|negr[oa]|blanc[oa]|roj[oa]|azul|verde|cafe|beige|dorad[oa]|vino`;
const ATTRIBUTE = String.raw`(?:19|20)\d{2}|\d+(?:[.,]\d+)?\s*(?:mil|k|km)|\$?\s*\d{1,3}(?:,\d{3})+|\d{4,6}\s*km|automatic[oa]|estandar|manual|${COLOUR}|(?:${BODY})s?`;
const REFERENCE = new RegExp(
  String.raw`(?:^|[^a-z])(?:el|la|ese|esa|este|esta)\s+(?:(?:${BODY})s?\s+)?(?:(?:de|del|que\s+(?:es|cuesta|sale|vale|trae|tiene))\s+)?(?:${ATTRIBUTE})(?![a-z])`,
);
/** "el que cuesta 183", "la que sale en 240": a bare figure after a price verb. */
const PRICED_REFERENCE =
  /(?:^|[^a-z])(?:el|la|ese|esa)\s+(?:de|que)\s+(?:cuesta|sale|vale|esta)\s+(?:en\s+)?(?:como\s+)?\$?\s*\d/;
/** "the 2016 one", "the automatic one", "the one from 2019", "the one at 184k". */
const ENGLISH_REFERENCE =
  /\bthe\s+(?:(?:19|20)\d{2}|automatic|manual|stick|suv|sedan|hatchback|pickup|minivan)\s+one\b|\bthe\s+one\s+(?:from|for|at|with)\s+(?:\$?\s*\d|automatic|manual)/;
/** Words that ask for other cars than those shown. */
const LOOKS_FURTHER =
  /\b(tienes|tienen|tendras|hay|manejan|venden|busco|buscando|algun[oa]?s?|algo|otr[oa]s?|opciones|mas|menos|any|another|other|more|less|do\s+you\s+have)\b/;

export function isShownReference(text: string, entities: Entities, shownCount: number): boolean {
  if (shownCount < 2 || LOOKS_FURTHER.test(text)) return false;
  if (![REFERENCE, PRICED_REFERENCE, ENGLISH_REFERENCE].some((shape) => shape.test(text))) return false;
  if (entities.make || entities.model || entities.stockId || entities.pick !== null) return false;
  if (entities.sortBy !== null || entities.cheaper) return false;
  const exactYear = entities.yearMin !== null && entities.yearMin === entities.yearMax;
  const colour = entities.otherFeatures.some((f) => f.startsWith('color '));
  return (
    exactYear ||
    entities.bodyTypes.length > 0 ||
    entities.transmission !== null ||
    entities.priceMax !== null ||
    entities.kmMax !== null ||
    colour
  );
}

/**
 * One line of a list the agent showed: "… 2018 … · 51,389 km · $183,999.00 (ID 306689)", in any
 * language the list was written in ("· priced at $183,999.00").
 */
const SHOWN_LINE =
  /^\s*\d+\.\s.*?\b((?:19|20)\d{2})\b.*?([\d,]+)\s*km\s*·[^$·\n]*\$([\d,]+)(?:\.\d+)?\s*\(ID (\d+)\)/m;
const NEAR_SHARE = 0.03;

/**
 * For a plan or a visit ("el de 2018, ¿cuánto al mes?", "el de 183 mil lo quiero ver"), the stock
 * id of the one car of the last list the year, price or km describe, read from the list's own
 * lines; null when none or several fit (the cars agent, with the catalog, handles the rest).
 */
export function shownCarDescribed(entities: Entities, history: readonly HistoryTurn[]): string | null {
  if (entities.shownReference !== true) return null;
  const last = history.findLast((t) => t.role === 'agent' && SHOWN_LINE.test(t.text));
  if (!last) return null;
  const cars = last.text.split('\n').flatMap((line) => {
    const m = SHOWN_LINE.exec(line);
    if (!m) return [];
    const number = (s: string) => Number(s.replace(/,/g, ''));
    return [{ year: Number(m[1]), km: number(m[2]!), price: number(m[3]!), stockId: m[4]! }];
  });
  const price = entities.priceMax ?? entities.priceMin;
  let fit = cars.filter(
    (c) =>
      (entities.yearMin === null || c.year >= entities.yearMin) &&
      (entities.yearMax === null || c.year <= entities.yearMax),
  );
  if (price !== null) fit = nearest(fit, (c) => c.price, price);
  if (entities.kmMax !== null) fit = nearest(fit, (c) => c.km, entities.kmMax);
  const described = entities.yearMin !== null || price !== null || entities.kmMax !== null;
  return described && fit.length === 1 ? fit[0]!.stockId : null;
}

/** The items nearest the wanted figure, within a few percent of it. */
function nearest<T>(items: readonly T[], value: (item: T) => number, wanted: number): T[] {
  const distance = (item: T): number => Math.abs(value(item) - wanted);
  const close = items.filter((item) => distance(item) <= wanted * NEAR_SHARE);
  const best = Math.min(...close.map(distance));
  return close.filter((item) => distance(item) === best);
}
