import * as cue from './number-cues.js';
import type { NumberMention } from '../../../tools/text/numbers.js';

export type Bound = 'min' | 'max' | 'exact';

/** What a number in the message is, read from the words around it. */
export type NumberRole =
  | { kind: 'year'; value: number; bound: Bound }
  | { kind: 'price'; value: number; bound: 'min' | 'max' }
  | { kind: 'km'; value: number }
  | { kind: 'downPaymentAmount'; value: number }
  | { kind: 'downPaymentPercent'; value: number }
  | { kind: 'termYears'; value: number }
  | { kind: 'monthly'; value: number }
  | { kind: 'stockId'; id: string }
  | { kind: 'small'; value: number }
  | { kind: 'none' };

export interface RoledNumber {
  mention: NumberMention;
  role: NumberRole;
}

/** What the agent just asked for: a bare "300" or "50 mil" in reply is read as that. */
export type ExpectedAnswer = 'budget' | 'downPayment' | 'term' | 'monthly';

export interface NumberHints {
  /** The message or the conversation is about financing: "a 5" is a term, "dar 50 mil" a down payment. */
  financing: boolean;
  expect: ExpectedAnswer | null;
  /**
   * A plan is being worked out for one chosen car and this message names no other car to look
   * for: an amount with no budget word ("¿y si doy 80?", "con 50 mil") is the down payment.
   */
  planForCar?: boolean;
}

const CLAUSE_END = /[.?!;]/;
/** Pesos below which an amount is not a car's price (the catalog starts near 140 mil). */
const MIN_CAR_PRICE = 20_000;

/** The words of the same sentence just before a number (a decimal point is inside the mention). */
function clauseBefore(text: string, start: number): string {
  const slice = text.slice(Math.max(0, start - 70), start);
  const cut = Math.max(...['.', '?', '!', ';'].map((mark) => slice.lastIndexOf(mark)));
  return cut >= 0 ? slice.slice(cut + 1) : slice;
}

function clauseAfter(text: string, end: number): string {
  const slice = text.slice(end, end + 70);
  const cut = slice.search(CLAUSE_END);
  return cut >= 0 ? slice.slice(0, cut) : slice;
}

export function classifyNumbers(
  text: string,
  mentions: readonly NumberMention[],
  hints: NumberHints,
): RoledNumber[] {
  const roled: RoledNumber[] = mentions.map((mention) => ({
    mention,
    role: classifyOne(
      mention,
      clauseBefore(text, mention.start),
      clauseAfter(text, mention.end),
      text,
      hints,
    ),
  }));
  for (let i = 0; i + 1 < mentions.length; i++) {
    const first = mentions[i]!;
    const second = mentions[i + 1]!;
    if (
      !cue.RANGE_JOINT.test(text.slice(first.end, second.start)) ||
      isYearLike(first) !== isYearLike(second)
    )
      continue;
    const widened =
      first.multiplier === 1 && second.multiplier > 1 && first.value < 1000
        ? {
            ...first,
            value: first.value * second.multiplier,
            multiplier: second.multiplier,
            plainDigits: null,
          }
        : first;
    const firstRole = classifyOne(
      widened,
      clauseBefore(text, first.start),
      clauseAfter(text, second.end),
      text,
      hints,
    );
    const secondRole = roled[i + 1]!.role;
    const joined = joinRange(firstRole, secondRole);
    if (!joined) continue;
    roled[i] = { mention: widened, role: joined[0] };
    roled[i + 1] = { mention: second, role: joined[1] };
  }
  return roled.map((r) => ({
    mention: r.mention,
    role: REPLACED_BEFORE.test(text.slice(0, r.mention.start))
      ? { kind: 'none' }
      : applyHints(r, text, hints, mentions.length),
  }));
}

/** "en vez de 35 le pongo 50": the figure being replaced is no longer wanted; the other one is. */
const REPLACED_BEFORE =
  /\b(?:en\s+vez\s+de|en\s+lugar\s+de|instead\s+of|rather\s+than)\s+(?:los\s+|las\s+|el\s+|\$)?$/;

/** Two numbers joined by "y", "a", "-", "o" of the same kind are one range: "entre 2017 y 2019". */
function joinRange(first: NumberRole, second: NumberRole): [NumberRole, NumberRole] | null {
  if (first.kind === 'year' && second.kind === 'year') {
    return [
      { kind: 'year', value: Math.min(first.value, second.value), bound: 'min' },
      { kind: 'year', value: Math.max(first.value, second.value), bound: 'max' },
    ];
  }
  if (first.kind === 'price' && second.kind === 'price' && second.bound === 'max') {
    return [
      { kind: 'price', value: Math.min(first.value, second.value), bound: 'min' },
      { kind: 'price', value: Math.max(first.value, second.value), bound: 'max' },
    ];
  }
  if (first.kind === 'km' && second.kind === 'km') return [{ kind: 'none' }, second];
  if (first.kind === 'small' && second.kind === 'km') return [{ kind: 'none' }, second];
  if (first.kind === 'small' && second.kind === 'termYears') return [{ kind: 'none' }, second];
  return null;
}

export function isYearLike(m: NumberMention): boolean {
  if (m.plainDigits?.length === 4) return m.value >= 1950 && m.value <= 2035;
  return m.words && Number.isInteger(m.value) && m.value >= 1990 && m.value <= 2035;
}

function classifyOne(
  m: NumberMention,
  before: string,
  after: string,
  text: string,
  hints: NumberHints,
): NumberRole {
  const value = m.value;
  const bare = m.multiplier === 1 && !m.currency;
  if ((m.plainDigits?.length ?? 0) >= 8 || value > 100_000_000) return { kind: 'none' };
  if (cue.PERCENT_AFTER.test(after)) {
    if (cue.DISCOUNT_NEAR.test(before + after) || value > 100) return { kind: 'none' };
    return { kind: 'downPaymentPercent', value };
  }
  if (cue.KM_AFTER.test(after)) return value >= 1000 ? { kind: 'km', value } : { kind: 'none' };
  // "el de menos km del 2019 pa arriba": a year after "del" is no km figure.
  const yearAfterDel = isYearLike(m) && /\bdel\s*$/.test(before);
  if (cue.KM_BEFORE.test(before) && !m.currency && !yearAfterDel) {
    if (value >= 1000) return { kind: 'km', value };
    return bare && value >= 5 ? { kind: 'km', value: value * 1000 } : { kind: 'none' };
  }
  if (cue.WARRANTY_AFTER.test(after)) return { kind: 'none' };
  if (cue.YEARS_AFTER.test(after)) {
    if (cue.AGE_BEFORE.test(before) || cue.AGE_AFTER.test(after) || value > 15 || !bare)
      return { kind: 'none' };
    return { kind: 'termYears', value };
  }
  if (cue.MONTHS_AFTER.test(after)) {
    return bare && value >= 6 && value <= 120 ? { kind: 'termYears', value: value / 12 } : { kind: 'none' };
  }
  const monthly = cue.MONTHLY_AFTER.test(after) || cue.MONTHLY_BEFORE.test(before);
  const down =
    cue.DOWN_AFTER.test(after) ||
    cue.DOWN_BEFORE.test(before) ||
    (cue.GIVE_BEFORE.test(before) && (hints.financing || /\b(enganche|entrada)\b/.test(text)));
  if (isYearLike(m) && !monthly && !down && !m.currency && !/^\s*(pesos|varos|mxn)\b/.test(after)) {
    // "antes del 2019" means up to 2018.
    if (cue.YEAR_STRICT_BEFORE.test(before)) return { kind: 'year', value: value - 1, bound: 'max' };
    return { kind: 'year', value, bound: yearBound(before, after) };
  }
  // "me late la del 18": a car of that year, as "la del 2018".
  const articleDel =
    /\b(?:el|la|los|las|uno|una)\s+del\s*$/.test(before) &&
    value <= 30 &&
    !/^\s*(?:mil|k|km|kms|kilometros|%|meses|anos|pesos|varos)\b/.test(after);
  if (m.plainDigits?.length === 2 && (cue.MODEL_WORD_BEFORE.test(before) || articleDel)) {
    return {
      kind: 'year',
      value: value <= 35 ? 2000 + value : 1900 + value,
      bound: yearBound(before, after),
    };
  }
  if (monthly) return { kind: 'monthly', value: bare && value < 100 ? value * 1000 : value };
  if (down) {
    if (bare && value <= 100 && cue.PERCENT_ARTICLE_BEFORE.test(before))
      return { kind: 'downPaymentPercent', value };
    return { kind: 'downPaymentAmount', value: bare && value < 1000 ? value * 1000 : value };
  }
  const bound = priceBound(before, after);
  const plainLength = m.plainDigits?.length ?? 0;
  if ((plainLength === 5 || plainLength === 6) && !m.currency) {
    const priced = bound !== null || cue.PRICED_BEFORE.test(before) || cue.PRICED_AFTER.test(after);
    if (!priced && (cue.STOCK_BEFORE.test(before) || value % 1000 !== 0))
      return { kind: 'stockId', id: m.plainDigits! };
  }
  // "que no pase de 350 varos": hundreds of pesos bound a car's price only as thousands.
  const hundredsOfPesos = m.currency && m.multiplier === 1 && !m.grouped && !m.decimal;
  if (hundredsOfPesos && value >= 20 && value < 1000 && bound !== null && !hints.financing)
    return { kind: 'price', value: value * 1000, bound };
  if (m.currency || m.multiplier > 1 || m.grouped || value >= 1000) {
    // No car costs less than this: "apártalo con 5 mil" is not a budget.
    return value >= MIN_CAR_PRICE
      ? { kind: 'price', value, bound: bound ?? 'max' }
      : { kind: 'small', value };
  }
  const budgetTalk = cue.BUDGET_WORDS.test(before) || cue.OFFER_BEFORE.test(before);
  if (bare && value >= 20 && value < 1000 && (bound !== null || budgetTalk)) {
    return { kind: 'price', value: value * 1000, bound: bound ?? 'max' };
  }
  return { kind: 'small', value };
}

function yearBound(before: string, after: string): Bound {
  if (cue.YEAR_MIN_BEFORE.test(before) || cue.YEAR_MIN_AFTER.test(after)) return 'min';
  if (cue.YEAR_MAX_BEFORE.test(before) || cue.YEAR_MAX_AFTER.test(after)) return 'max';
  return 'exact';
}

function priceBound(before: string, after: string): 'min' | 'max' | null {
  if (cue.PRICE_MAX_BEFORE.test(before) || cue.PRICE_MAX_AFTER.test(after)) return 'max';
  if (cue.PRICE_MIN_BEFORE.test(before) || cue.PRICE_MIN_AFTER.test(after)) return 'min';
  return null;
}

/** Bare numbers read through the conversation: "¿y a 5?" in a financing talk, "300" after "¿presupuesto?". */
function applyHints(r: RoledNumber, text: string, hints: NumberHints, count: number): NumberRole {
  const { role, mention } = r;
  const before = clauseBefore(text, mention.start);
  if (role.kind === 'small' && hints.financing && cue.TERM_BEFORE.test(before)) {
    const term = termFrom(role.value);
    if (term !== null) return { kind: 'termYears', value: term };
  }
  if (hints.planForCar && isUnmarkedAmount(role, before, clauseAfter(text, mention.end))) {
    const value =
      mention.multiplier === 1 && !mention.currency && mention.value < 1000
        ? mention.value * 1000
        : mention.value;
    return { kind: 'downPaymentAmount', value };
  }
  if (!hints.expect || count !== 1 || !isBareAnswer(text, mention)) return role;
  const isAmount = role.kind === 'price' || role.kind === 'small';
  const thousands = (v: number): number =>
    mention.multiplier === 1 && !mention.currency && v < 1000 ? v * 1000 : v;
  switch (hints.expect) {
    case 'budget':
      return role.kind === 'small' && role.value >= 20
        ? { kind: 'price', value: thousands(role.value), bound: 'max' }
        : role;
    case 'downPayment':
      return isAmount ? { kind: 'downPaymentAmount', value: thousands(mention.value) } : role;
    case 'monthly':
      return isAmount
        ? { kind: 'monthly', value: mention.value < 100 ? thousands(mention.value) : mention.value }
        : role;
    case 'term': {
      const term = role.kind === 'small' ? termFrom(role.value) : null;
      return term === null ? role : { kind: 'termYears', value: term };
    }
  }
}

/** An amount the words around it do not bind to a budget, a price range or an offer. */
function isUnmarkedAmount(role: NumberRole, before: string, after: string): boolean {
  const marked =
    priceBound(before, after) !== null || cue.BUDGET_WORDS.test(before) || cue.OFFER_BEFORE.test(before);
  if (marked) return false;
  if (role.kind === 'price') return true;
  // "¿y con 60?": hundreds of pesos are no down payment, so a bare 20–999 means thousands.
  return role.kind === 'small' && role.value >= 20 && role.value < 1000 && Number.isInteger(role.value);
}

function termFrom(value: number): number | null {
  if (value >= 1 && value <= 10) return value;
  if (value >= 12 && value <= 120 && value % 6 === 0) return value / 12;
  return null;
}

const ANSWER_FILLER =
  /\b(como|unos|unas|de|del|el|la|los|mas|o|menos|aprox|pesos|mil|y|ya|pues|si|bueno|ok|tengo|seria|creo|que|a|en|varos|lana|mxn|maximo|minimo|hasta|mi|presupuesto|es|por|mes|al|anos|meses|k|millones|millon|medio)\b|[$%.,?!¿]/g;

function isBareAnswer(text: string, mention: NumberMention): boolean {
  const rest = (text.slice(0, mention.start) + ' ' + text.slice(mention.end)).replace(ANSWER_FILLER, ' ');
  return rest.trim() === '';
}
