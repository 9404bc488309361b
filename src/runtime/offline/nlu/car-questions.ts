import type { CarAttribute } from '../../../core/intents/schema.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';
import { onlyPriceObjection } from './rules-conversation.js';
import type { ExtractedEntities } from './entities.js';
import { BLUETOOTH, CARPLAY } from './features.js';
import { wordTable } from '../../../tools/text/word-table.js';
import { listedAttributes } from './attribute-nouns.js';

/**
 * Questions about one car ("¿cuántos km tiene?", "¿trae carplay?", "mi cochera mide 4.5 m,
 * ¿cabe?"), read by sentence shape: a third-person verb about the car (tiene, trae, es, viene,
 * mide) or an interrogative with the attribute. "¿Tienen uno con CarPlay?" (second person, to
 * the dealer) is a search, not a question; "¿de esos cuál…?" asks about several cars, not one.
 */
export interface CarQuestion {
  attributes: CarAttribute[];
  /** The customer's space, on the dimension its words name ("angosta, 2.1 m" is a width). */
  space: Record<SpaceDimension, number | null>;
  /** Round 3, item 4: asks for cars that fit the garage ("¿qué me recomiendas que sí quepa?"). */
  fitsSpace: boolean;
  /** Where the question was asked, and the spans to keep out of number reading ("4.5 m"). */
  start: number | null;
  spans: Span[];
}

type SpaceDimension = 'length' | 'width' | 'height';

/**
 * The car is the subject: "tiene", "trae", "viene con", not "tienes"/"tienen" (the dealer); in
 * English "does it have", "it comes with", not "do you have".
 */
const HAS = String.raw`(?:tiene|trae|viene\s+con|cuenta\s+con|incluye|lleva|tendra|traera|jala\s+con|(?:does|will)\s+(?:it|the\s+\w+)\s+(?:have|come\s+with|support)|it\s+(?:has|comes\s+with)|has\s+it\s+got)`;
const feature = (pattern: RegExp): RegExp =>
  new RegExp(
    String.raw`(?<!\bque\s)\b${HAS}\s+(?:(?:el|la|un|una|su|sistema\s+de|conexion\s+(?:de|por)|an?|the)\s+)?(?:${pattern.source})`,
  );
/** "¿trae CarPlay y Bluetooth?": a second feature joined to one the car is asked to have. */
const ANY_FEATURE = String.raw`(?:${BLUETOOTH.source}|${CARPLAY.source})`;
const joinedFeature = (pattern: RegExp): RegExp =>
  new RegExp(
    String.raw`(?<!\bque\s)\b${HAS}\s+(?:(?:el|la|un|una|su)\s+)?${ANY_FEATURE}\s*(?:,|y|o|ni|and|or)\s+(?:(?:el|la|un|una|con)\s+)?(?:${pattern.source})`,
  );
/**
 * A clause that is only the feature: "¿bluetooth?", "¿trae CarPlay? ¿bluetooth tmb?", "and
 * bluetooth?" — the question before it carries over to it.
 */
const alone = (pattern: RegExp): RegExp =>
  new RegExp(
    String.raw`^\W*(?:y\s+)?(?:con\s+|de\s+)?(?:${pattern.source})\W*$|(?:^|[?.!]\s*)\W*(?:y\s+)?de\s+(?:${pattern.source})\s*\?|[?.!]\s*\W*(?:(?:y|and|o|or)\s+)?(?:(?:el|la|su|apple|android)\s+)?(?:${pattern.source})(?:\s+(?:tambien|tmb|tb|tmbn|tambn|too|also|igual))?\s*\?`,
  );

const ATTRIBUTE_PATTERNS: readonly [CarAttribute, RegExp][] = [
  [
    'seats',
    /\b(cuant[oa]s\s+(?:pasajeros|asientos|personas|lugares|plazas)|para\s+cuant[oa]s(?:\s+personas)?|(?:es|son|sera)\s+de\s+(?:\d|cinco|siete|ocho)\s+(?:pasajeros|asientos|lugares|plazas)|(?:tiene|trae)\s+(?:tercera\s+fila|3\s+filas)|caben\s+(?:\d|cinco|seis|siete|ocho)\b|cuant[oa]s\s+caben|caben\s+cuant[oa]s|how\s+many\s+(?:seats|people|passengers)|(?:is\s+it\s+an?\s+)?(?:7|seven|5|five)\s*-?\s*seater)/,
  ],
  [
    'km',
    /\b(cuant[oa]s?\s+km|que\s+km|(?:que|su|el|cual\s+es\s+el)\s+kilometraje|km\s+(?:tiene|trae|lleva)|(?:tiene|trae|lleva)\s+(?:muchos\s+)?km\b|cuanto\s+(?:ha\s+)?(?:recorrido|rodado)|(?<!\b(?:low|high|lower|higher|less|least|lowest)\s)mileage|how\s+many\s+(?:km|kms|kilometers|kilometres|miles)|how\s+(?:far|much)\s+has\s+it\s+(?:been\s+)?driven)/,
  ],
  [
    'year',
    /\b(de\s+que\s+ano|que\s+ano\s+(?:es|tiene)|que\s+modelo\s+es|cual\s+es\s+el\s+ano|(?:what|which)\s+year|how\s+old\s+is\s+(?:it|the))\b/,
  ],
  [
    'version',
    /\b(que\s+version|cual\s+version|version\s+(?:es|tiene|trae)|cual\s+es\s+la\s+version|(?:what|which)\s+(?:version|trim))\b/,
  ],
  [
    'transmission',
    /\b((?:es|viene|sera|esta|son|vienen|estan)\s+(?:automatic[oa]s?|estandar(?:es)?|manual(?:es)?|de\s+(?:cambios|velocidades|palanca))|que\s+(?:transmision|caja)|(?:automatic[oa]|estandar)\s+o\s+(?:estandar|automatic[oa]|manual)|(?:is\s+it|are\s+they|are\s+those|are\s+these)\s+(?:an\s+|a\s+)?(?:automatic|manual|stick)s?|(?:automatic|manual)\s+or\s+(?:manual|automatic|stick)|what\s+(?:transmission|gearbox))\b/,
  ],
  ['bluetooth', feature(BLUETOOTH)],
  ['bluetooth', joinedFeature(BLUETOOTH)],
  ['bluetooth', alone(BLUETOOTH)],
  ['carplay', feature(CARPLAY)],
  ['carplay', joinedFeature(CARPLAY)],
  ['carplay', alone(CARPLAY)],
  // One dimension asked is answered alone ("¿qué tan ancho es?"), the measures in general all three.
  [
    'length',
    /\b(que\s+tan\s+larg[oa]|(?:cuanto\s+mide|el|su)\s+(?:de\s+)?largo|de\s+largo\s+(?:cuanto|que\s+tanto|mide)|how\s+long\s+is\s+(?:it|the|that)\b(?!\s+(?:warranty|guarantee|trial|return|period|term|process|delivery|wait|loan|credit|financing))|(?:its|the)\s+length)\b/,
  ],
  [
    'width',
    /\b(que\s+tan\s+anch[oa]|(?:cuanto\s+mide|el|su)\s+(?:de\s+)?ancho|de\s+ancho\s+(?:cuanto|que\s+tanto|mide)|how\s+wide|(?:its|the)\s+width)\b/,
  ],
  [
    'height',
    /\b(que\s+tan\s+alt[oa]|(?:cuanto\s+mide|el|su)\s+(?:de\s+)?(?:alto|altura)|de\s+(?:alto|altura)\s+(?:cuanto|que\s+tanto|mide)|how\s+(?:tall|high)\s+is|(?:its|the)\s+height)\b/,
  ],
  [
    'dimensions',
    /\b(cuanto\s+mide(?!\s+(?:la|el|su)\s+(?:cajuela|maletero|cajuelero|portaequipajes?|batea|caja))|que\s+(?:tan\s+)?grande\s+es(?!\s+(?:la|el|su)\s+(?:cajuela|maletero|cajuelero|portaequipajes?|batea|caja))|medidas|dimensiones|(?:cabe|cabria)\b|entra(?:ria)?\s+en\s+(?:mi|la|el)\b|cochera|garage|garaje|cajon\s+de\s+estacionamiento|how\s+big\s+is(?!\s+(?:the|its)\s+(?:trunk|boot))|dimensions|will\s+it\s+fit|does\s+it\s+fit)/,
  ],
  [
    'drivetrain',
    /\b((?:es|sera|son|viene|trae|tiene)\s+(?:de\s+)?(?:4\s*x\s*4|4x2|awd|4wd|2wd|doble\s+traccion|traccion\s+(?:integral|total|4x4|en\s+las\s+4))|que\s+traccion|(?:is\s+it|does\s+it\s+have)\s+(?:an?\s+)?(?:4\s*x\s*4|awd|4wd|all[-\s]wheel\s+drive|four[-\s]wheel\s+drive)|(?:4\s*x\s*4|awd|4wd)\s*\?)/,
  ],
  [
    'color',
    /\b((?:de\s+)?que\s+colou?r|cual\s+es\s+(?:el|su)\s+color|(?:en\s+)?que\s+colores|what\s+colou?r|which\s+colou?r)\b/,
  ],
  [
    'fuel_economy',
    /\b(cuanto\s+rinde|que\s+tanto\s+rinde|(?:su\s+|el\s+)?rendimiento(?:\s+de\s+(?:gasolina|combustible))?|km\s*(?:x|por|\/)\s*(?:litro|lt|l)\b|kilometros\s+por\s+litro|(?:gasta|consume|chupa|traga)\s+(?:mucha\s+|de\s+|en\s+)?(?:gasolina|gas|combustible)|(?:es|sera)\s+(?:muy\s+)?(?:ahorrador|gastador)|fuel\s+(?:economy|consumption)|(?:mpg|gas\s+mileage)|how\s+much\s+(?:gas|fuel)\s+does\s+it)/,
  ],
  [
    'doors',
    /\b(cuant[oa]s\s+puertas|(?:es|son|sera)\s+de\s+(?:2|3|4|5|dos|tres|cuatro|cinco)\s+puertas|(?:tiene|trae)\s+(?:2|3|4|5|dos|tres|cuatro|cinco)\s+puertas|how\s+many\s+doors|(?:2|3|4|5|two|three|four|five)\s*-?\s*doors?\s*\?)/,
  ],
  [
    'trunk',
    /\b((?:que\s+tan\s+grande|de\s+que\s+tamano|que\s+tamano|cuanto\s+mide|que\s+tal|como)\s+(?:es\s+|tiene\s+|esta\s+)?(?:la|el|su)\s+(?:cajuela|maletero|cajuelero|portaequipajes?|batea)|(?:cajuela|maletero|cajuelero|batea)\s+(?:grande|amplia|amplio|espaciosa|chica|de\s+que\s+tamano)|cuant[oa]s?\s+(?:litros|maletas)|(?:caben|entran)\s+(?:las\s+|mis\s+|unas\s+)?maletas|(?:how\s+big|how\s+much\s+space|how\s+large)\s+is\s+the\s+(?:trunk|boot)|trunk\s+space|cargo\s+space|(?:the\s+)?trunk\s*\?)/,
  ],
  [
    'body_type',
    /\b(que\s+tipo\s+de\s+(?:auto|carro|coche|carroceria|vehiculo)\s+es|que\s+carroceria|(?:es|sera|son|seran)\s+(?:un\s+|una\s+)?(?:sedan|suv|camioneta|hatchback|hatch|pickup|troca|minivan)\b(?!\s+(?:de|con|que)\b)|is\s+it\s+an?\s+(?:sedan|suv|hatchback|pickup|truck|minivan)|what\s+(?:kind|type)\s+of\s+(?:car|body))/,
  ],
];

/** "de esos", "alguno", "cuál de…": about several cars (the list), not the one in focus. */
const SEVERAL =
  /\b(de\s+(?:esos|estos|ellos|esas|estas|ellas)|algun[oa]s?|cual(?:es)?\s+de|cuales|ninguno|of\s+(?:those|these|them)|any\s+of|which\s+(?:one|of))\b/;
/** "el más barato de esos", "el segundo de esos": one car singled out of several, so a question about it. */
const SINGLED_OUT =
  /\b(?:el|la)\s+(?:(?:mas|menos)\s+\w+(?:\s+\w+)?|primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\s+(?:de\s+(?:esos|estos|ellos|esas|estas|ellas)|of\s+(?:those|these|them))\b/;
/** "busco", "quiero", "tienes": the customer describes a car to look for. */
const SEARCH_BEFORE =
  /\b(busco|buscando|quiero|quisiera|necesito|ocupo|tienes|tienen|hay|manejan|venden|looking\s+for|i\s+(?:want|need)|do\s+you\s+(?:have|sell)|got\s+any|show\s+me)\b[^.?!]*$/;

const WORD_NUMBERS = wordTable<number>({ tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7 });
/** "4.5 m", "4 metros y medio", "450 cm", "cuatro metros". */
const LENGTH =
  /\b(\d+(?:[.,]\d+)?|tres|cuatro|cinco|seis|siete)\s*(m|mt|mts|metros?|meters?|metres?|cm|centimetros?|centimeters?)\b(\s+y\s+medio)?/;
const SPACE_WORDS =
  /\b(cochera|garage|garaje|cajon|estacionamiento|espacio|lugar|cabe|cabria|entra|entraria|mide|mida|midan|zaguan|porton|angost(?:o|a|ito|ita)|estrech[oa]|altura|techo|parking|driveway|carport|space|spot|fit|wide|tall|high|narrow)\b/;

/** "mi cochera mide 4.3": a garage's length without the unit, right after the verb. */
const GARAGE_WORDS = /\b(cochera|garage|garaje|cajon|estacionamiento|zaguan|porton)\b/;
const BARE_LENGTH =
  /\b(?:mide|mide\s+como|de\s+largo|es\s+de|tiene|como\s+de)\s+(\d{1,2}(?:[.,]\d{1,2})?)(?![.,]?\d|\s*(?:mil|k|%|anos|meses|pesos))()()/;
/**
 * The subjunctive asks for cars that would fit ("uno que sí quepa", "algo que entre en mi
 * cochera"); "¿cabe?" (indicative) asks about the car in focus.
 */
const FITS =
  /\b(?:que|q|los\s+que|las\s+que)\s+(?:(?:si|me|le|nos|sí)\s+){0,2}(?:quepa|quepan|cupiera|cupieran)\b|\b(?:que|q)\s+(?:(?:si|me|le|nos)\s+){0,2}(?:entre|entren|entrara|entraran)\s+en\s+(?:mi|la|el)\b|\b(?:what|which|that|ones?\s+that|cars?\s+that)\s+(?:would\s+|will\s+|can\s+)?fits?\b|\b(?:que|q)\s+(?:mida|midan)\s+(?:menos\s+de|maximo|max|hasta|como\s+mucho)\b/;

/**
 * Which dimension of the space a measure gives, by the words nearest it in its sentence:
 * "angosta, como 2.1 m" and "2.1 m de ancho" are a width, "altura máxima 1.9 m" a height, a
 * garage's plain "mide 4.5 m" (or "de largo") its length.
 */
const DIMENSION_WORDS: readonly [SpaceDimension, RegExp][] = [
  ['width', /\b(ancho|ancha|angost(?:o|a|ito|ita)|estrech[oa]|zaguan|porton|wide|width|narrow)\b/g],
  ['height', /\b(alto|alta|altura|techo|tall|high|height|clearance)\b/g],
  ['length', /\b(largo|larga|fondo|long|length|deep)\b/g],
];

/** A plausible size of a space on each dimension, in metres: other figures are no space. */
const PLAUSIBLE: Record<SpaceDimension, readonly [number, number]> = {
  length: [2, 15],
  width: [1.5, 8],
  height: [1.4, 6],
};

function dimensionNear(text: string, at: Span): SpaceDimension {
  const sentenceStart = Math.max(text.lastIndexOf('?', at.start), text.lastIndexOf('.', at.start - 1)) + 1;
  const nextMark = text.slice(at.end).search(/[?!]/);
  const sentenceEnd = nextMark === -1 ? text.length : at.end + nextMark;
  let best: { dimension: SpaceDimension; distance: number } | null = null;
  for (const [dimension, pattern] of DIMENSION_WORDS) {
    for (const hit of text.slice(sentenceStart, sentenceEnd).matchAll(pattern)) {
      const position = sentenceStart + hit.index;
      const distance = position < at.start ? at.start - position : position - at.end;
      if (!best || distance < best.distance) best = { dimension, distance };
    }
  }
  return best?.dimension ?? 'length';
}

function spaceMeasures(text: string): { dimension: SpaceDimension; metres: number; span: Span }[] {
  if (!SPACE_WORDS.test(text)) return [];
  const measured = findAll(text, LENGTH);
  // "mi cochera mide 4.3": a garage's length may come without its unit.
  const hits = measured.length > 0 || !GARAGE_WORDS.test(text) ? measured : findAll(text, BARE_LENGTH);
  return hits.flatMap((hit) => {
    const [, amount = '', unit = '', half] = hit.match;
    const value = WORD_NUMBERS[amount] ?? Number(amount.replace(',', '.'));
    const metres = (unit.startsWith('c') ? value / 100 : value) + (half ? 0.5 : 0);
    const span = { start: hit.start, end: hit.end };
    const dimension = dimensionNear(text, span);
    const [min, max] = PLAUSIBLE[dimension];
    return metres >= min && metres <= max ? [{ dimension, metres, span }] : [];
  });
}

const DIMENSION_ATTRIBUTES: readonly CarAttribute[] = ['dimensions', 'length', 'width', 'height'];

export function findCarQuestion(text: string): CarQuestion {
  const found: CarQuestion = {
    attributes: [],
    space: { length: null, width: null, height: null },
    fitsSpace: false,
    start: null,
    spans: [],
  };
  for (const [attribute, pattern] of ATTRIBUTE_PATTERNS) {
    const hit = findAll(text, pattern).find(
      (h) => !aboutSeveral(clauseBefore(text, h.start)) && !SEARCH_BEFORE.test(clauseBefore(text, h.start)),
    );
    if (!hit) continue;
    if (!found.attributes.includes(attribute)) found.attributes.push(attribute);
    found.start = Math.min(found.start ?? hit.start, hit.start);
    found.spans.push({ start: hit.start, end: hit.end });
  }
  const listed = listedAttributes(text, (at) => SEARCH_BEFORE.test(clauseBefore(text, at)));
  if (listed) {
    for (const attribute of listed.attributes)
      if (!found.attributes.includes(attribute)) found.attributes.push(attribute);
    found.start = Math.min(found.start ?? listed.span.start, listed.span.start);
  }
  for (const measure of spaceMeasures(text)) {
    if (found.space[measure.dimension] !== null) continue;
    found.space[measure.dimension] = measure.metres;
    found.spans.push(measure.span);
    // A garage's length asks for the measures (as before); a width or a height limit, for that one.
    const attribute = measure.dimension === 'length' ? 'dimensions' : measure.dimension;
    if (!found.attributes.some((a) => DIMENSION_ATTRIBUTES.includes(a)) || attribute !== 'dimensions')
      if (!found.attributes.includes(attribute)) found.attributes.push(attribute);
    found.start = Math.min(found.start ?? measure.span.start, measure.span.start);
  }
  // "¿Qué tan ancho es? mi cochera es angosta": the dimension asked, not every measure.
  if (found.attributes.some((a) => a === 'length' || a === 'width' || a === 'height'))
    found.attributes = found.attributes.filter((a) => a !== 'dimensions');
  const fits = findAll(text, FITS)[0];
  if (fits) {
    // A search for cars that fit, not a question about the one in focus.
    found.fitsSpace = true;
    found.attributes = found.attributes.filter((a) => a !== 'dimensions');
    found.start = Math.min(found.start ?? fits.start, fits.start);
  }
  return found;
}

/** "¿de esos cuál…?" asks about several cars; "el más barato de esos, ¿cuántos km?" about one. */
function aboutSeveral(clause: string): boolean {
  return SEVERAL.test(clause) && !SINGLED_OUT.test(clause);
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
