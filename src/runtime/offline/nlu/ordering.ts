import type { CarScope, SortBy } from '../../../core/intents/schema.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';

/**
 * Ordering and superlatives read by sentence shape, through one small table of adjectives and
 * nouns: "el/la/los más|menos ADJ", "el de menos NOUN", "¿cuál es más ADJ?", the article with a
 * diminutive or -ísimo ("el baratito"), "algo ADJ" (no degree: "algo económico"), "ordénalos por
 * NOUN". "más"/"mayor" take the adjective's own order, "menos"/"menor" the reverse.
 */
interface Scale {
  /** Word forms, diminutives and -ísimo included. */
  words: string;
  more: SortBy;
  less: SortBy;
  /** "algo económico", "carros grandes": the bare adjective already says how to order a list. */
  bare?: boolean;
}

const ADJECTIVES: readonly Scale[] = [
  {
    words: String.raw`barat(?:it|isim)?[oa]s?|economic(?:[oa]s?)|economiquit[oa]s?|accesibles?`,
    more: 'price_asc',
    less: 'price_desc',
    bare: true,
  },
  { words: String.raw`car[oa]s?|carisim[oa]s?|costos[oa]s?`, more: 'price_desc', less: 'price_asc' },
  {
    words: String.raw`nuev(?:it|ecit|isim)?[oa]s?|recient(?:es?|it[oa]s?)|modernos?|modernas?|actuales?`,
    more: 'year_desc',
    less: 'year_asc',
  },
  { words: String.raw`viej(?:it)?[oa]s?|antigu[oa]s?|atrasad[oa]s?`, more: 'year_asc', less: 'year_desc' },
  {
    words: String.raw`grandes?|grand(?:ot|ecit|esit|isim)[oa]s?|ampli[oa]s?|espacios[oa]s?|larg[oa]s?`,
    more: 'size_desc',
    less: 'size_asc',
    bare: true,
  },
  {
    words: String.raw`chic[oa]s?|chiquit[oa]s?|pequen[oa]s?|compact[oa]s?`,
    more: 'size_asc',
    less: 'size_desc',
    // "algo chiquito": the smallest first, as "algo económico" lists the cheapest first.
    bare: true,
  },
  {
    words: String.raw`usad[oa]s?|rodad[oa]s?|kilometrad[oa]s?|recorrid[oa]s?`,
    more: 'km_desc',
    less: 'km_asc',
  },
];

const NOUNS: readonly Scale[] = [
  {
    words: String.raw`kms?|kilometros?|kilometraje|recorrido|millaje|millas`,
    more: 'km_desc',
    less: 'km_asc',
  },
  { words: String.raw`precio|costo|valor`, more: 'price_desc', less: 'price_asc' },
  { words: String.raw`ano|anos|modelo`, more: 'year_desc', less: 'year_asc' },
  { words: String.raw`espacio|tamano|cajuela`, more: 'size_desc', less: 'size_asc' },
];

const MORE = String.raw`mas|\+|mayor`;
const LESS = String.raw`menos|menor`;
const DEGREE = `${MORE}|${LESS}`;
const alternatives = (scales: readonly Scale[]): string => scales.map((s) => s.words).join('|');
const ADJECTIVE = alternatives(ADJECTIVES);
const NOUN = alternatives(NOUNS);
/** A car word between the article and the degree: "el carro más barato", "la camioneta más grande". */
const CAR_WORD = String.raw`(?:(?:carro|auto|coche|camioneta|troca|nave|modelo|opcion|vehiculo|unidad|uno|una|suv|hatchback|hatch|pickup|pick\s+up|minivan|van|coupe)s?|sedan(?:es)?)\s+`;
/** Singular ("el") picks one car; plural lists; "lo" leaves it open. */
const ARTICLE = String.raw`el|la|los|las|lo|del`;

/** Each sentence shape, with the group holding the article (if any), the degree and the word. */
const SHAPES: readonly { pattern: RegExp; scales: readonly Scale[] }[] = [
  {
    pattern: new RegExp(
      String.raw`\b(${ARTICLE})\s+(?:${CAR_WORD})?(?:que\s+(?:sea|sean|este|esten|salga|salgan)\s+)?(${DEGREE})\s+(${ADJECTIVE})\b`,
    ),
    scales: ADJECTIVES,
  },
  {
    pattern: new RegExp(
      String.raw`\b(${ARTICLE})\s+(?:${CAR_WORD})?(?:de|con|que\s+(?:tenga|tengan|tiene|tienen|trae|traen|traiga|traigan))\s+(?:el\s+|la\s+)?(${DEGREE})\s+(${NOUN})\b`,
    ),
    scales: NOUNS,
  },
  {
    // "el que menos km tiene", "la que más espacio tenga".
    pattern: new RegExp(String.raw`\b(${ARTICLE})\s+(?:${CAR_WORD})?que\s+(${DEGREE})\s+(${NOUN})\b`),
    scales: NOUNS,
  },
  {
    pattern: new RegExp(
      String.raw`\b(cual|cuales)\s+(?:(?:de\s+(?:\w+\s+){1,2})?(?:es|son|esta|estan|sale|salen|queda|quedan)\s+)?(${DEGREE})\s+(${ADJECTIVE})\b`,
    ),
    scales: ADJECTIVES,
  },
  {
    pattern: new RegExp(
      String.raw`\b(cual|cuales)\s+(?:(?:de\s+(?:\w+\s+){1,2})?(?:tiene|tienen|trae|traen)\s+)(?:el\s+|la\s+)?(${DEGREE})\s+(${NOUN})\b`,
    ),
    scales: NOUNS,
  },
];

/** "el baratito", "la nuevecita", "el carísimo": the article with an intensified adjective. */
const INTENSIFIED = new RegExp(
  String.raw`\b(el|la|los|las|lo)\s+(?:${CAR_WORD})?((?:\w+)(?:it|cit|sit|isim)[oa]s?)\b`,
);
/** "el barato, ¿cuánto al mes?", "la nueva de esas": the article and a plain adjective open a clause, one car. */
const PLAIN_ONE =
  /(?:^|[.,;!?]\s*)(?:(?:y|pues|mejor|ok|va|sale)\s+)?(el|la)\s+(barat[oa]|car[oa]|nuev[oa]|economic[oa])(?=\s*(?:[,.;!?]|$|de\s+(?:esos|esas|estos|estas|los\s+dos|las\s+dos)\b))/;
/** "algo económico", "carros baratos", "uno bien grande": no degree, so a list in that order. */
const BARE = new RegExp(
  String.raw`\b(?:algo|alguno|alguna|algunos|algunas|uno|una|unos|unas|carros?|autos?|coches?|camionetas?|trocas?|suvs?|sedan(?:es)?|hatchbacks?|opciones|vehiculos?|(?:tienen|tienes|hay|manejan|manejas|venden)(?:\s+\w+)?)\s+(?:bien\s+|muy\s+|super\s+)?(${alternatives(ADJECTIVES.filter((s) => s.bare))})\b`,
);
/** "¿tienes algo más nuevo?": a comparative that is not about price lists in that order. */
const NOT_PRICE = (scales: readonly Scale[]) =>
  alternatives(scales.filter((s) => s.more !== 'price_asc' && s.more !== 'price_desc'));
/** "algo", "alguna", "otra": a comparative or a "con menos km" after them lists in that order. */
const SOME = String.raw`(?:algo|algun|alguno|alguna|algunos|algunas|uno|una|otro|otra|otros|otras|opciones)\s+(?:${CAR_WORD})?`;
const COMPARATIVE = new RegExp(String.raw`\b${SOME}(${DEGREE})\s+(${NOT_PRICE(ADJECTIVES)})\b`);
/** "¿alguna camioneta con menos km?", "otra que tenga más espacio": a list in that order. */
const COMPARATIVE_NOUN = new RegExp(
  String.raw`\b${SOME}(?:con|de|que\s+(?:tenga|tengan|traiga|traigan))\s+(?:el\s+|la\s+)?(${DEGREE})\s+(${NOT_PRICE(NOUNS)})\b`,
);
/** No degree, no number: "de bajo kilometraje", "con poco km", "pocos kilómetros", "low mileage". */
const LOW_KM =
  /\b((?:de|con)\s+(?:muy\s+)?(?:bajo|poco)\s+(?:kilometraje|km|kms|millaje)|(?:de|con)\s+(?:muy\s+)?pocos\s+(?:km|kms|kilometros)|low\s+(?:mileage|km|kms))\b(?!\s*(?:de|que|than)?\s*\d)/;
/** "ordénalos por kilometraje", "acomódamelos por precio". */
const ORDER_BY = new RegExp(String.raw`\b(?:orden|acomod|sort)\w*\s+(?:\w+\s+)?(?:por|de|by)\s+(${NOUN})\b`);
const ENGLISH: readonly [RegExp, SortBy][] = [
  [/\b(cheapest|least\s+expensive|lowest\s+price)\b/, 'price_asc'],
  [/\b(most\s+expensive|priciest)\b/, 'price_desc'],
  [/\b(newest|latest|most\s+recent)\b/, 'year_desc'],
  [/\b(oldest)\b/, 'year_asc'],
  [/\b((?:lowest|least|fewest|less)\s+(?:mileage|miles|kms?|kilometers|kilometres))\b/, 'km_asc'],
  [/\b((?:highest|most)\s+(?:mileage|miles|kms?|kilometers|kilometres))\b/, 'km_desc'],
  [/\b(biggest|largest|roomiest)\b/, 'size_desc'],
  [/\b(smallest)\b/, 'size_asc'],
  // "which one is bigger?": a comparative over the cars on the table picks one.
  [/\bwhich\b[^?.!]*?\b(bigger|larger|roomier)\b/, 'size_desc'],
  [/\bwhich\b[^?.!]*?\b(smaller)\b/, 'size_asc'],
  [/\bwhich\b[^?.!]*?\b(newer)\b/, 'year_desc'],
  [/\bwhich\b[^?.!]*?\b(older)\b/, 'year_asc'],
  [/\bwhich\b[^?.!]*?\b(cheaper|less\s+expensive)\b/, 'price_asc'],
];

export interface OrderingMention extends Span {
  sortBy: SortBy;
  /** true: one car ("el más barato"); false: a list; null: not said ("lo más barato"). */
  wantsOne: boolean | null;
  /** "¿cuál es más barato?" asks which of the cars on the table. */
  which: boolean;
}

function scaleOf(scales: readonly Scale[], word: string): Scale | undefined {
  return scales.find((s) => new RegExp(`^(?:${s.words})$`).test(word));
}

function countOf(article: string | undefined): boolean | null {
  if (article === 'el' || article === 'la' || article === 'cual') return true;
  if (article === 'los' || article === 'las' || article === 'cuales' || article === 'del') return false;
  return null;
}

export function findOrdering(text: string): OrderingMention | null {
  for (const { pattern, scales } of SHAPES) {
    const hit = findAll(text, pattern)[0];
    if (!hit) continue;
    const [, article, degree = '', word = ''] = hit.match;
    const scale = scaleOf(scales, word);
    if (!scale) continue;
    const less = new RegExp(`^(?:${LESS})$`).test(degree);
    return {
      start: hit.start,
      end: hit.end,
      sortBy: less ? scale.less : scale.more,
      wantsOne: countOf(article),
      which: article === 'cual' || article === 'cuales',
    };
  }
  // "el baratito" (intensified); "el barato," (plain: it can only single out a car on the table).
  for (const [pattern, plain] of [
    [INTENSIFIED, false],
    [PLAIN_ONE, true],
  ] as const) {
    const hit = findAll(text, pattern).find((h) => scaleOf(ADJECTIVES, h.match[2]!));
    if (hit)
      return {
        start: hit.start,
        end: hit.end,
        sortBy: scaleOf(ADJECTIVES, hit.match[2]!)!.more,
        wantsOne: plain ? true : countOf(hit.match[1]),
        which: plain,
      };
  }
  const comparativeNoun = findAll(text, COMPARATIVE_NOUN)[0];
  if (comparativeNoun) {
    const scale = scaleOf(NOUNS, comparativeNoun.match[2]!)!;
    const less = new RegExp(`^(?:${LESS})$`).test(comparativeNoun.match[1]!);
    return {
      ...span(comparativeNoun),
      sortBy: less ? scale.less : scale.more,
      wantsOne: false,
      which: false,
    };
  }
  const comparative = findAll(text, COMPARATIVE)[0];
  if (comparative) {
    const scale = scaleOf(ADJECTIVES, comparative.match[2]!)!;
    const less = new RegExp(`^(?:${LESS})$`).test(comparative.match[1]!);
    return { ...span(comparative), sortBy: less ? scale.less : scale.more, wantsOne: false, which: false };
  }
  const bare = findAll(text, BARE)[0];
  if (bare)
    return {
      ...span(bare),
      sortBy: scaleOf(ADJECTIVES, bare.match[1]!)!.more,
      wantsOne: false,
      which: false,
    };
  // "algo de bajo kilometraje", "con pocos km", "low mileage": a list with the fewest km first.
  const lowKm = findAll(text, LOW_KM)[0];
  if (lowKm) return { ...span(lowKm), sortBy: 'km_asc', wantsOne: false, which: false };
  const orderBy = findAll(text, ORDER_BY)[0];
  if (orderBy) {
    const scale = scaleOf(NOUNS, orderBy.match[1]!)!;
    // "por precio", "por km": lowest first; "por año": newest first.
    const sortBy = scale.more === 'year_desc' ? 'year_desc' : scale.less;
    return { ...span(orderBy), sortBy, wantsOne: false, which: false };
  }
  for (const [pattern, sortBy] of ENGLISH) {
    const hit = findAll(text, pattern)[0];
    if (hit)
      return {
        ...span(hit),
        sortBy,
        wantsOne: !/\b(ones|cars|options)\b/.test(text),
        // "which one is the cheapest?" asks among the cars on the table, as "¿cuál…?" does.
        which: /\bwhich\b/.test(text.slice(0, hit.end)),
      };
  }
  return null;
}

const span = (s: Span): Span => ({ start: s.start, end: s.end });

/**
 * "la más nueva y la de menos km": a second superlative for one car, in another order than the
 * first, asked beside it. Read from the text with the first one blanked out.
 */
export function findSecondOrdering(text: string, first: OrderingMention | null): OrderingMention | null {
  if (!first || first.wantsOne === false) return null;
  const second = otherOrdering(text, first);
  if (!second || second.wantsOne !== true || second.sortBy === first.sortBy) return null;
  if (isRange(text, first, second)) return null;
  return second;
}

/**
 * "de la más barata a la más cara", "from the cheapest to the most expensive": one list in the
 * first order, not two cars. True when the message's second superlative closes such a range.
 */
export function findOrderingRange(text: string, first: OrderingMention | null): boolean {
  if (!first) return false;
  const second = otherOrdering(text, first);
  return second !== null && isRange(text, first, second);
}

function otherOrdering(text: string, first: OrderingMention): OrderingMention | null {
  const rest = text.slice(0, first.start) + ' '.repeat(first.end - first.start) + text.slice(first.end);
  return findOrdering(rest);
}

const RANGE_JOIN = /^\s*(?:a|al|hasta|to)\s*$/;

function isRange(text: string, first: OrderingMention, second: OrderingMention): boolean {
  const opposite = first.sortBy.replace(/_(?:asc|desc)$/, '') === second.sortBy.replace(/_(?:asc|desc)$/, '');
  return opposite && first.sortBy !== second.sortBy && RANGE_JOIN.test(text.slice(first.end, second.start));
}

/** "de esos", "de los que me mandaste", "entre estos", "¿cuál de ellos…?", "¿alguno trae…?". */
const SHOWN_REFERENCES: readonly RegExp[] = [
  /\b(?:de|entre)\s+(?:esos|esas|estos|estas|ellos|ellas|ahi|arriba|la\s+lista|esta\s+lista|las\s+opciones|estas\s+opciones|esas\s+opciones|(?:los|las)\s+(?:\d|dos|tres|cuatro|cinco)(?:\s+que)?)\b/,
  /\b(?:de|entre)\s+(?:los|las)\s+que\s+(?:me\s+|nos\s+)?(?:mandaste|mandaron|enviaste|pasaste|mostraste|diste|compartiste|pusiste|mencionaste|dijiste|recomendaste|ensenaste|vi|vimos|salieron|aparecieron)\b/,
  /\b(?:cual|cuales|alguno|alguna|algunos|algunas|ninguno|ninguna)\s+de\s+(?:ellos|ellas|esos|esas|estos|estas|los|las)\b/,
  /\b(?:los|las)\s+(?:de\s+arriba|que\s+me\s+(?:mandaste|pasaste|mostraste|enviaste))\b/,
  /^(?:(?:y|oye|pero|entonces)\s+)?(?:alguno|alguna|algunos|algunas)\s+(?:tiene|tienen|trae|traen|viene|vienen|es|son|cuenta|cuentan|maneja|manejan)\b/,
  // "¿traen CarPlay los dos?", "¿ambos son automáticos?": every car shown, by their count.
  /\b(?:(?:los|las)\s+(?:dos|tres|2|3)|ambos|ambas|both(?:\s+of\s+them)?|the\s+(?:two|three)\s+of\s+them)\b(?!\s+(?:anos|meses|mil|primer[oa]s|ultim[oa]s|years|months))/,
  // English: "the cheapest of those", "which of these", "from that list".
  /\b(?:of|from|among)\s+(?:those|these|them|that\s+list|the\s+list|the\s+ones\s+you\s+(?:sent|showed))\b/,
];
/**
 * "de todo el catálogo", "en todo lo que tienen": the whole catalog, not only the model being
 * talked about. ("El más barato que tengan" is a search under what was asked: no scope.) "De las
 * 2023, ¿cuál…?" names a set of the catalog by its year, not the cars shown.
 */
const CATALOG_REFERENCES =
  /\b(?:de\s+todo|en\s+todo|de\s+todos|entre\s+todos|(?:del|en\s+el|de\s+su|en\s+su|todo\s+el)\s+(?:catalogo|inventario)|en\s+general|de\s+cualquier\s+marca|de\s+(?:los|las)\s+(?:del?\s+)?(?:19|20)\d{2})\b/;

export interface ScopeMention extends Span {
  scope: CarScope;
}

/**
 * Which cars the message is about. "¿Cuál es más barato?" is about the cars shown when there are
 * some (`shownCount`); an explicit "de esos" always is, whatever a search word says.
 */
export function findScope(
  text: string,
  ordering: OrderingMention | null,
  shownCount: number,
): ScopeMention | null {
  for (const pattern of SHOWN_REFERENCES) {
    const hit = findAll(text, pattern)[0];
    if (hit) return { ...span(hit), scope: 'shown' };
  }
  const catalog = findAll(text, CATALOG_REFERENCES)[0];
  if (catalog && ordering) return { ...span(catalog), scope: 'catalog' };
  if (ordering?.which && shownCount > 0) return { ...span(ordering), scope: 'shown' };
  return null;
}

/** "¿Qué me alcanza?", "¿para qué me alcanza?", "¿qué puedo comprar?": a search by what fits a budget. */
const WHAT_FITS =
  /\b(?:(?:que|cual|cuales|para\s+que)\s+(?:\w+\s+){0,4}?(?:me|nos|le)\s+alcanza|alcanz(?:a|o|aria)\s+(?:para|a\s+(?:comprar|sacar))|que\s+(?:puedo|podria|alcanzo\s+a)\s+(?:comprar|sacar|llevarme|agarrar)|what\s+can\s+i\s+afford)\b/;

export function findWhatFits(text: string): Span | null {
  const hit = findAll(text, WHAT_FITS)[0];
  return hit ? span(hit) : null;
}
