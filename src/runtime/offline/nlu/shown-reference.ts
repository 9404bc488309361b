import type { Entities } from '../../../core/intents/schema.js';

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
/** Words that ask for other cars than those shown. */
const LOOKS_FURTHER =
  /\b(tienes|tienen|tendras|hay|manejan|venden|busco|buscando|algun[oa]?s?|algo|otr[oa]s?|opciones|mas|menos)\b/;

export function isShownReference(text: string, entities: Entities, shownCount: number): boolean {
  if (shownCount < 2 || !REFERENCE.test(text) || LOOKS_FURTHER.test(text)) return false;
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
