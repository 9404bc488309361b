import type { CarAttribute } from '../../../core/intents/schema.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';
import { onlyPriceObjection } from './rules-conversation.js';
import type { ExtractedEntities } from './entities.js';
import { BLUETOOTH, CARPLAY } from './features.js';

/**
 * Questions about one car ("¿cuántos km tiene?", "¿trae carplay?", "mi cochera mide 4.5 m,
 * ¿cabe?"), read by sentence shape: a third-person verb about the car (tiene, trae, es, viene,
 * mide) or an interrogative with the attribute. "¿Tienen uno con CarPlay?" (second person, to
 * the dealer) is a search, not a question; "¿de esos cuál…?" asks about several cars, not one.
 */
export interface CarQuestion {
  attributes: CarAttribute[];
  spaceLengthM: number | null;
  /** Round 3, item 4: asks for cars that fit the garage ("¿qué me recomiendas que sí quepa?"). */
  fitsSpace: boolean;
  /** Where the question was asked, and the spans to keep out of number reading ("4.5 m"). */
  start: number | null;
  spans: Span[];
}

/** The car is the subject: "tiene", "trae", "viene con", not "tienes"/"tienen" (the dealer). */
const HAS = String.raw`(?:tiene|trae|viene\s+con|cuenta\s+con|incluye|lleva|tendra|traera|jala\s+con)`;
const feature = (pattern: RegExp): RegExp =>
  new RegExp(
    String.raw`(?<!\bque\s)\b${HAS}\s+(?:(?:el|la|un|una|su|sistema\s+de|conexion\s+(?:de|por))\s+)?(?:${pattern.source})`,
  );
const alone = (pattern: RegExp): RegExp =>
  new RegExp(String.raw`^\W*(?:y\s+)?(?:con\s+)?(?:${pattern.source})\W*$`);

const ATTRIBUTE_PATTERNS: readonly [CarAttribute, RegExp][] = [
  [
    'seats',
    /\b(cuant[oa]s\s+(?:pasajeros|asientos|personas|lugares|plazas)|para\s+cuant[oa]s(?:\s+personas)?|(?:es|son|sera)\s+de\s+(?:\d|cinco|siete|ocho)\s+(?:pasajeros|asientos|lugares|plazas)|(?:tiene|trae)\s+(?:tercera\s+fila|3\s+filas)|caben\s+(?:\d|cinco|seis|siete|ocho)\b)/,
  ],
  [
    'km',
    /\b(cuant[oa]s?\s+km|que\s+km|(?:que|su|el|cual\s+es\s+el)\s+kilometraje|km\s+(?:tiene|trae|lleva)|(?:tiene|trae|lleva)\s+(?:muchos\s+)?km\b|cuanto\s+(?:ha\s+)?(?:recorrido|rodado))/,
  ],
  ['year', /\b(de\s+que\s+ano|que\s+ano\s+(?:es|tiene)|que\s+modelo\s+es|cual\s+es\s+el\s+ano)\b/],
  ['version', /\b(que\s+version|cual\s+version|version\s+(?:es|tiene|trae)|cual\s+es\s+la\s+version)\b/],
  [
    'transmission',
    /\b((?:es|viene|sera|esta|son|vienen|estan)\s+(?:automatic[oa]s?|estandar|manual|de\s+(?:cambios|velocidades|palanca))|que\s+(?:transmision|caja)|(?:automatic[oa]|estandar)\s+o\s+(?:estandar|automatic[oa]|manual))\b/,
  ],
  ['bluetooth', feature(BLUETOOTH)],
  ['bluetooth', alone(BLUETOOTH)],
  ['carplay', feature(CARPLAY)],
  ['carplay', alone(CARPLAY)],
  [
    'dimensions',
    /\b(cuanto\s+mide|que\s+(?:tan\s+)?(?:grande|largo|ancho|alto)\s+es|medidas|dimensiones|(?:el|su|de)\s+(?:largo|ancho|alto|altura)|(?:cabe|cabria)\b|entra(?:ria)?\s+en\s+(?:mi|la|el)\b|cochera|garage|garaje|cajon\s+de\s+estacionamiento)/,
  ],
  [
    'body_type',
    /\b(que\s+tipo\s+de\s+(?:auto|carro|coche|carroceria|vehiculo)\s+es|que\s+carroceria|(?:es|sera|son|seran)\s+(?:un\s+|una\s+)?(?:sedan|suv|camioneta|hatchback|hatch|pickup|troca|minivan)\b(?!\s+(?:de|con|que)\b))/,
  ],
];

/** "de esos", "alguno", "cuál de…": about several cars (the list), not the one in focus. */
const SEVERAL =
  /\b(de\s+(?:esos|estos|ellos|esas|estas|ellas)|algun[oa]s?|cual(?:es)?\s+de|cuales|ninguno)\b/;
/** "busco", "quiero", "tienes": the customer describes a car to look for. */
const SEARCH_BEFORE =
  /\b(busco|buscando|quiero|quisiera|necesito|ocupo|tienes|tienen|hay|manejan|venden)\b[^.?!]*$/;

const WORD_NUMBERS: Readonly<Record<string, number>> = { tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7 };
/** "4.5 m", "4 metros y medio", "450 cm", "cuatro metros". */
const LENGTH =
  /\b(\d+(?:[.,]\d+)?|tres|cuatro|cinco|seis|siete)\s*(m|mt|mts|metros?|cm|centimetros?)\b(\s+y\s+medio)?/;
const SPACE_WORDS =
  /\b(cochera|garage|garaje|cajon|estacionamiento|espacio|lugar|cabe|cabria|entra|entraria|mide)\b/;

/** "mi cochera mide 4.3": a garage's length without the unit, right after the verb. */
const GARAGE_WORDS = /\b(cochera|garage|garaje|cajon|estacionamiento)\b/;
const BARE_LENGTH =
  /\b(?:mide|mide\s+como|de\s+largo|es\s+de|tiene)\s+(\d{1,2}(?:[.,]\d{1,2})?)(?![.,]?\d|\s*(?:mil|k|%|anos|meses|pesos))()()/;
/**
 * The subjunctive asks for cars that would fit ("uno que sí quepa", "algo que entre en mi
 * cochera"); "¿cabe?" (indicative) asks about the car in focus.
 */
const FITS =
  /\b(?:que|q|los\s+que|las\s+que)\s+(?:(?:si|me|le|nos|sí)\s+){0,2}(?:quepa|quepan|cupiera|cupieran)\b|\b(?:que|q)\s+(?:(?:si|me|le|nos)\s+){0,2}(?:entre|entren|entrara|entraran)\s+en\s+(?:mi|la|el)\b/;

function spaceLength(text: string): { metres: number; span: Span } | null {
  if (!SPACE_WORDS.test(text)) return null;
  const hit =
    findAll(text, LENGTH)[0] ?? (GARAGE_WORDS.test(text) ? findAll(text, BARE_LENGTH)[0] : undefined);
  if (!hit) return null;
  const [, amount = '', unit = '', half] = hit.match;
  const value = WORD_NUMBERS[amount] ?? Number(amount.replace(',', '.'));
  const metres = (unit.startsWith('c') ? value / 100 : value) + (half ? 0.5 : 0);
  // A garage is 2-15 m: anything else is not a length of a space.
  return metres >= 2 && metres <= 15 ? { metres, span: { start: hit.start, end: hit.end } } : null;
}

export function findCarQuestion(text: string): CarQuestion {
  const found: CarQuestion = { attributes: [], spaceLengthM: null, fitsSpace: false, start: null, spans: [] };
  for (const [attribute, pattern] of ATTRIBUTE_PATTERNS) {
    const hit = findAll(text, pattern).find(
      (h) => !SEVERAL.test(clauseBefore(text, h.start)) && !SEARCH_BEFORE.test(clauseBefore(text, h.start)),
    );
    if (!hit) continue;
    if (!found.attributes.includes(attribute)) found.attributes.push(attribute);
    found.start = Math.min(found.start ?? hit.start, hit.start);
    found.spans.push({ start: hit.start, end: hit.end });
  }
  const space = spaceLength(text);
  if (space) {
    found.spaceLengthM = space.metres;
    found.spans.push(space.span);
    if (!found.attributes.includes('dimensions')) found.attributes.push('dimensions');
    found.start = Math.min(found.start ?? space.span.start, space.span.start);
  }
  const fits = findAll(text, FITS)[0];
  if (fits) {
    // A search for cars that fit, not a question about the one in focus.
    found.fitsSpace = true;
    found.attributes = found.attributes.filter((a) => a !== 'dimensions');
    found.start = Math.min(found.start ?? fits.start, fits.start);
  }
  return found;
}

/** The clause before a position, up to the last sentence mark. */
function clauseBefore(text: string, position: number): string {
  const before = text.slice(0, position);
  const mark = Math.max(
    before.lastIndexOf('?'),
    before.lastIndexOf('.'),
    before.lastIndexOf('!'),
    before.lastIndexOf(','),
  );
  return before.slice(mark + 1);
}

/**
 * A question about a car, or cars to compare, is for the cars agent even next to other requests
 * ("¿cuánto me quedaría al mes y trae CarPlay?").
 */
export function applyCarQuestionIntent(drafts: Drafts, found: ExtractedEntities): void {
  const { entities, positions } = found;
  const comparing = entities.comparedCars.length >= 2;
  // The comparison states each car's payment on the plan asked for: no separate plan for one car.
  if (comparing) drafts.delete('financing');
  const asks = entities.carQuestion.length > 0 || comparing || entities.fitsSpace === true;
  const haggles = drafts.has('haggle') && !onlyPriceObjection(drafts.get('haggle'));
  if (!asks || drafts.has('car_recommendation') || haggles) return;
  addDraft(drafts, 'car_recommendation', positions.carQuestion ?? positions.search ?? 0, 0.8);
}
