import type { Entities } from '../../../core/intents/schema.js';
import type { CarMention } from './cars.js';
import type { RoledNumber } from './number-roles.js';

/**
 * "¿El Versa o el Aveo?", "MG5 vs Jetta", "entre el Rio y el Vento", "compara X con Y": two or
 * three cars joined by a connector. "o", "vs", "contra" compare by themselves; "y", "con" and a
 * comma only with a word that asks to choose (compara, entre, mejor, conviene, cuál, diferencia)
 * or a price asked of them together ("¿cuánto cuestan el Versa y el Sentra?", "¿cuánto cuesta el Sentra
 * y el Altima?").
 */
const JOIN = /^\s*(?:,|o|u|vs\.?|versus|contra|y|con|or|and|\/)\s*(?:el|la|un|una|al|del|the|a)?\s*$/;
const CHOOSING_JOIN = /^\s*(?:o|u|vs\.?|versus|contra|or|\/)\b/;
const CHOOSE =
  /\b(compar\w*|diferencias?|entre|mejor|conviene|convendria|cual|recomiendas|versus|vs|cuestan|valen|salen|cuesta|vale|sale|precios?|how\s+much\s+(?:are|is|do|does))\b/;
const YEAR_AFTER = /^\s*((?:19|20)\d{2})\b/;
/** "¿tienen Hilux o Tacoma?" asks whether either is in stock: the "o" alone chooses nothing. */
const AVAILABILITY =
  /\b(?:tienen|tienes|tendran|hay|manejan|manejas|venden|do\s+you\s+have|have\s+you\s+got|any)\b/;
const MAX_COMPARED = 3;

export function findComparison(text: string, cars: readonly CarMention[]): string[] {
  if (cars.length < 2) return [];
  const withYears = cars.map((car) => {
    const year = YEAR_AFTER.exec(text.slice(car.end));
    return { car, year: year ? Number(year[1]) : null, end: year ? car.end + year[0].length : car.end };
  });
  const chain = [withYears[0]!];
  let choosing = CHOOSE.test(text);
  const asksAvailability = AVAILABILITY.test(text.slice(0, cars[0]!.start));
  for (const next of withYears.slice(1)) {
    const gap = text.slice(chain[chain.length - 1]!.end, next.car.start);
    if (!JOIN.test(gap)) break;
    choosing ||= CHOOSING_JOIN.test(gap) && !asksAvailability;
    chain.push(next);
  }
  const distinct = new Map(chain.map((c) => [`${c.car.make}|${c.car.model ?? ''}|${c.year ?? ''}`, c]));
  if (!choosing || distinct.size < 2) return [];
  return [...distinct.values()]
    .slice(0, MAX_COMPARED)
    .map(({ car, year }) => [car.make, car.model, year].filter((part) => part !== null).join(' '));
}

/**
 * Round 3, item 8: "me interesan el 312204 y el 322962, ¿qué diferencia hay?", "el 305016 o el
 * 306473?": two or three stock ids with a word that asks to choose (or an "o"/"vs" between them)
 * are cars to compare, named by their ids.
 */
export function findStockIdComparison(text: string, numbers: readonly RoledNumber[]): string[] {
  const ids = numbers.flatMap((n) =>
    n.role.kind === 'stockId' ? [{ id: n.role.id, mention: n.mention }] : [],
  );
  const distinct = [...new Map(ids.map((i) => [i.id, i])).values()];
  if (distinct.length < 2) return [];
  const between = text.slice(distinct[0]!.mention.end, distinct[1]!.mention.start);
  const choosing = CHOOSE.test(text) || CHOOSING_JOIN.test(between.replace(/^\s*(?:,\s*)?/, ' ').trimStart());
  return choosing ? distinct.slice(0, MAX_COMPARED).map((i) => i.id) : [];
}

/** "¿qué diferencia tiene con ese?", "compáramelo con…", "¿ese o el Corolla?": the car in focus is one side. */
const FOCUS_SIDE =
  /\b(?:con\s+(?:ese|este|esa|esta|el\s+otro|la\s+otra|el\s+que\s+(?:me\s+)?(?:mostraste|ensenaste|pasaste))|compar\w*(?:melo|mela|selo|sela)|(?:ese|este|esa|esta)\s+(?:o|vs|contra)|(?:o|vs|contra)\s+(?:ese|este|esa|esta)|(?:de|a)\s+(?:ese|este|esa|esta)(?=\s*(?:[?.!,]|$))|with\s+(?:that|this)\s+one)\b/;
/** "las mensualidades de los tres", "¿y ambos a 5 años?": every car of the comparison just shown. */
const EVERY_COMPARED =
  /\b(?:(?:los|las|de\s+los|de\s+las)\s+(?:tres|3|dos|2)|ambos|ambas|cada\s+un[oa]|(?:all|both)(?:\s+of\s+them)?|the\s+(?:two|three))\b/;
const COMPARED_BEFORE = /\b(?:te\s+los\s+comparo|side\s+by\s+side)\b/;
/** "¿y vs la X3?", "contra el Tiguan cuál conviene": the message opens on the other side; the car in focus is the first. */
const LEADING_VS =
  /^\W*(?:(?:y|and|ok|oye|bueno|pero)\W+)*(?:vs\.?|versus|contra|frente\s+a|comparad[oa]\s+con|compared\s+(?:to|with)|against)\s/;
/** "¿qué diferencia hay entre esos dos?", "compare those two": the cars just shown, by their count. */
const THOSE_SHOWN =
  /\b(?:(?:esos|estos|esas|estas|los|las|entre\s+los|entre\s+las)\s+(?:dos|2|tres|3)|ambos|ambas|(?:those|these|the)\s+(?:two|three|2|3)|both(?:\s+of\s+them)?)\b/;
const DIFFERENCE =
  /\b(?:diferencias?|compar\w*|conviene|convendria|recomiendas|cual\s+es\s+mejor|cual\s+(?:me\s+)?(?:llevo|late\s+mas)|difference|compare|which\s+(?:is|one\s+is)\s+better|which\s+should\s+i)\b/;

export interface ComparisonContext {
  carUnderDiscussion: string | null;
  lastRecommended: readonly string[];
  /** The agent's last message, normalized. */
  lastAgentText: string;
}

/**
 * Blind round 3: comparisons that name one side by reference. One car named (or a stock id) with
 * a word that asks to choose and a pointer to the car in focus compares the two; "los tres" with a
 * plan or a question right after a comparison compares the same cars again, on the plan asked.
 */
export function comparisonWithShown(
  text: string,
  entities: Pick<
    Entities,
    | 'make'
    | 'model'
    | 'yearMin'
    | 'yearMax'
    | 'stockId'
    | 'comparedCars'
    | 'termYears'
    | 'downPaymentAmount'
    | 'downPaymentPercent'
  >,
  context: ComparisonContext,
): string[] {
  if (entities.comparedCars.length >= 2) return [...entities.comparedCars];
  const focus = context.carUnderDiscussion;
  const named = entities.stockId ?? carName(entities);
  if (focus && named && (FOCUS_SIDE.test(text) || LEADING_VS.test(text)) && CHOOSE.test(text))
    return named === focus ? [] : [focus, named];
  const those = THOSE_SHOWN.exec(text)?.[0];
  if (those && !named && DIFFERENCE.test(text) && countOf(those) === context.lastRecommended.length)
    return context.lastRecommended.slice(0, MAX_COMPARED);
  const every = EVERY_COMPARED.exec(text)?.[0] ?? null;
  const again =
    context.lastRecommended.length >= 2 &&
    every !== null &&
    // "los tres" after three cars shown (compared or listed), "ambos" after two; "cada uno" after any.
    (COMPARED_BEFORE.test(context.lastAgentText) || countOf(every) === context.lastRecommended.length) &&
    !named &&
    // A new plan for all of them; "¿cuál es más grande de los tres?" is an ordering of those shown.
    (entities.termYears !== null ||
      entities.downPaymentAmount !== null ||
      entities.downPaymentPercent !== null);
  return again ? context.lastRecommended.slice(0, MAX_COMPARED) : [];
}

function countOf(words: string): number | null {
  if (/\b(?:tres|3|three)\b/.test(words)) return 3;
  if (/\b(?:dos|2|two|ambos|ambas|both)\b/.test(words)) return 2;
  return null;
}

function carName(e: Pick<Entities, 'make' | 'model' | 'yearMin' | 'yearMax'>): string | null {
  if (!e.make && !e.model) return null;
  const year = e.yearMin !== null && e.yearMin === e.yearMax ? e.yearMin : null;
  return [e.make, e.model, year].filter((part) => part !== null).join(' ');
}
