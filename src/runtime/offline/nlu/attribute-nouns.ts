import type { CarAttribute } from '../../../core/intents/schema.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';
import { wordTable } from '../../../tools/text/word-table.js';

/**
 * A car's attributes asked by their nouns alone, with no verb: in a list ("¿qué año, km y color
 * tiene?", "year, km and price?") or as an ellipsis that goes on with the car just answered
 * about ("¿y de altura?", "¿y el color?", "and the height?").
 */
const ATTRIBUTE_NOUNS = wordTable<CarAttribute | 'price'>({
  ano: 'year',
  year: 'year',
  modelo: 'year',
  km: 'km',
  kms: 'km',
  kilometraje: 'km',
  kilometros: 'km',
  mileage: 'km',
  color: 'color',
  colour: 'color',
  version: 'version',
  trim: 'version',
  transmision: 'transmission',
  transmission: 'transmission',
  caja: 'transmission',
  precio: 'price',
  price: 'price',
  cost: 'price',
});
/** Nouns a list rarely holds but an ellipsis often does ("¿y de alto?"). */
const ELLIPSIS_NOUNS = wordTable<CarAttribute>({
  altura: 'height',
  alto: 'height',
  height: 'height',
  largo: 'length',
  length: 'length',
  ancho: 'width',
  width: 'width',
  medidas: 'dimensions',
  dimensiones: 'dimensions',
  dimensions: 'dimensions',
  size: 'dimensions',
  tamano: 'dimensions',
  asientos: 'seats',
  pasajeros: 'seats',
  plazas: 'seats',
  seats: 'seats',
  gasolina: 'fuel_economy',
  consumo: 'fuel_economy',
  rendimiento: 'fuel_economy',
  gas: 'fuel_economy',
  fuel: 'fuel_economy',
  traccion: 'drivetrain',
  carroceria: 'body_type',
  puertas: 'doors',
  doors: 'doors',
  cajuela: 'trunk',
  maletero: 'trunk',
  trunk: 'trunk',
});

const alternation = (words: readonly string[]) => words.join('|');
const LIST_NOUN = String.raw`(?:${alternation(Object.keys(ATTRIBUTE_NOUNS))})`;
const LIST_JOIN = String.raw`\s*(?:,|\by\b|\be\b|\band\b|&|\/)\s*(?:(?:el|la|los|su|sus|the|its)\s+)?`;
const ATTRIBUTE_LIST = new RegExp(
  String.raw`(?:^|[:¿?,]|\b(?:que|q|cual|cuales|su|sus|el|la|dime|dame|pasame|about|its|the|what|whats|me)\b)\s*(${LIST_NOUN}(?:${LIST_JOIN}${LIST_NOUN})+)\b(?!\s*(?:\d|de\s+\d|minimo|maximo|bajo|alto|chico|reciente))`,
);

const ANY_NOUN = String.raw`(?:${alternation([...Object.keys(ATTRIBUTE_NOUNS), ...Object.keys(ELLIPSIS_NOUNS)])})`;
/**
 * The whole message is "y" + an article or "de" + the noun(s), maybe with "cuánto / qué tal /
 * cómo anda": "¿y de altura?", "y su rendimiento q tal", "ok y el color?", "and the height?".
 */
const ELLIPSIS = new RegExp(
  String.raw`^\W*(?:(?:ok|va|ah|oye|sale|ya|bueno|okay)\W+)?(?:y|and|what\s+about|how\s+about)\s+(?:(?:de|del|en|el|la|los|su|sus|the|its)\s+)?(${ANY_NOUN}(?:${LIST_JOIN}${ANY_NOUN})*)(?:\s+(?:cuanto|que\s+tal|q\s+tal|como\s+(?:anda|esta|va)|mide|tiene|trae))?\W*$`,
);

export interface NounQuestion {
  attributes: CarAttribute[];
  span: Span;
}

/** Attributes named in a list or an ellipsis; `searchBefore` keeps "busco año 2020 y km bajo" a search. */
export function listedAttributes(text: string, searchBefore: (at: number) => boolean): NounQuestion | null {
  const elliptic = ELLIPSIS.exec(text);
  if (elliptic) return nounsAsked(elliptic[1]!, { start: 0, end: text.length });
  const hit = findAll(text, ATTRIBUTE_LIST)[0];
  if (!hit || searchBefore(hit.start)) return null;
  return nounsAsked(hit.match[1]!, { start: hit.start, end: hit.end });
}

function nounsAsked(words: string, span: Span): NounQuestion | null {
  const attributes = [
    ...new Set(
      words
        .split(/[^a-z]+/)
        .map((w) => ATTRIBUTE_NOUNS[w] ?? ELLIPSIS_NOUNS[w])
        .filter((a) => a !== undefined),
    ),
  ].filter((a): a is CarAttribute => a !== 'price');
  return attributes.length ? { attributes, span } : null;
}
