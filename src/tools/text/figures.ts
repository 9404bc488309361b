import { memoize } from '../catalog/memo.js';
import { foldKeepingPositions } from './normalize.js';
import { findNumbers, type NumberMention } from './numbers.js';
import { tokenize, type Token } from './tokens.js';

/**
 * What a figure in a reply is: an amount of money, a percentage (a rate, a down payment), a
 * term in months (years are counted as months, so "4 años" = "48 meses"), or a plain number
 * (a year, km, a stock id, a count).
 */
export type FigureKind = 'money' | 'percent' | 'months' | 'number';

/** A figure a text states, however it is written: "$313,999.00", "5 mil", "cinco años", "12 %". */
export interface StatedFigure {
  kind: FigureKind;
  /** Pesos for money, the percentage for percent ("12" for 12%), months for a term. */
  value: number;
  /** As written, with its "$", "%" or unit. */
  text: string;
  start: number;
  end: number;
}

// With their English: a reply to an English-speaking customer states the same terms.
const MONTH_WORDS = new Set(['mes', 'meses', 'mensualidades', 'month', 'months']);
const YEAR_WORDS = new Set(['ano', 'anos', 'year', 'years', 'yr', 'yrs']);
const DISTANCE_WORDS = new Set(['km', 'kms', 'kilometros', 'kilometro']);
/** Between the two ends of a range: "de 12 a 60 meses", "36 o 48 meses", "3, 4 o 5 años". */
const RANGE_JOINERS = new Set(['a', 'y', 'o', 'u', '-', ',', 'al', 'to', 'or', 'and']);

/**
 * Every figure the text states, in order. Memoised: a turn reads the same texts several times
 * (the reply by the guard and by the facts scorer, tool outputs and customer messages on every
 * later turn), so the result is shared and must not be changed.
 */
export const statedFigures: (text: string) => readonly Readonly<StatedFigure>[] = memoize(readFigures, 5_000);

function readFigures(text: string): StatedFigure[] {
  const folded = foldKeepingPositions(text);
  const tokens = tokenize(folded);
  const mentions = findNumbers(tokens);
  const indexAt = new Map(tokens.map((t, i) => [t.start, i]));
  return mentions
    .map((mention) => {
      const first = indexAt.get(mention.start)!;
      let last = first;
      while (tokens[last + 1] && tokens[last + 1]!.end <= mention.end) last++;
      return classify(text, tokens, mentions, mention, first, last);
    })
    .filter((figure) => !isEnglishWord(figure));
}

/**
 * "once" alone is an English word ("once we quote it") as often as a Spanish eleven: only with a
 * unit ("once meses", "once mil", "once %") is it a figure.
 */
function isEnglishWord(figure: StatedFigure): boolean {
  return figure.kind === 'number' && figure.text.toLowerCase() === 'once';
}

function classify(
  text: string,
  tokens: readonly Token[],
  mentions: readonly NumberMention[],
  mention: NumberMention,
  first: number,
  last: number,
): StatedFigure {
  const word = (i: number) => tokens[i]?.text;
  let start = mention.start;
  let end = mention.end;
  const figure = (kind: FigureKind, value: number): StatedFigure => ({
    kind,
    value,
    text: text.slice(start, end).trim(),
    start,
    end,
  });
  if (word(last + 1) === '%') {
    end = tokens[last + 1]!.end;
    return figure('percent', mention.value);
  }
  if (word(last + 1) === 'percent') {
    end = tokens[last + 1]!.end;
    return figure('percent', mention.value);
  }
  if ((word(last + 1) === 'por' && word(last + 2) === 'ciento') || word(last + 1) === 'porciento') {
    end = tokens[word(last + 1) === 'por' ? last + 2 : last + 1]!.end;
    return figure('percent', mention.value);
  }
  const unit = unitAfter(tokens, mentions, mention, last);
  if (unit === 'months' || unit === 'years') {
    const own = word(last + 1);
    if (own && (MONTH_WORDS.has(own) || YEAR_WORDS.has(own))) end = tokens[last + 1]!.end;
    return figure('months', unit === 'years' ? mention.value * 12 : mention.value);
  }
  if (unit === 'distance') return figure('number', mention.value);
  if (word(first - 1) === '$') start = tokens[first - 1]!.start;
  if (mention.currency) {
    const currency = word(last + 1) === 'de' ? last + 2 : last + 1;
    if (word(first - 1) !== '$') end = tokens[currency]!.end;
    return figure('money', mention.value);
  }
  // "5 mil", "1.2 millones", "300k"; and "6,371.06", which is how money (never km) is written.
  const twoDecimals = /[.,]\d{2}$/.test(tokens[last]!.text) && mention.grouped;
  if (mention.multiplier >= 1000 || twoDecimals) return figure('money', mention.value);
  return figure('number', mention.value);
}

/** The unit right after a number, or after the last number of a range it starts. */
function unitAfter(
  tokens: readonly Token[],
  mentions: readonly NumberMention[],
  mention: NumberMention,
  last: number,
): 'months' | 'years' | 'distance' | null {
  let next = tokens[last + 1]?.text;
  let at = last + 1;
  // Skip "a 60" in "de 12 a 60 meses": the unit of the range's end is the unit of both.
  while (next !== undefined && RANGE_JOINERS.has(next)) {
    const following = tokens[at + 1];
    const other = following && mentions.find((m) => m.start === following.start);
    // Only short ranges of small numbers: "el Versa 2020 a 48 meses" is a year, then a term.
    if (!other || !isSmall(mention) || !isSmall(other)) break;
    at = tokens.findIndex((t) => t.start >= other.end);
    if (at < 0) return null;
    next = tokens[at]?.text;
  }
  if (next === undefined) return null;
  if (MONTH_WORDS.has(next)) return 'months';
  if (YEAR_WORDS.has(next)) return 'years';
  if (DISTANCE_WORDS.has(next)) return 'distance';
  return null;
}

function isSmall(mention: NumberMention): boolean {
  return mention.multiplier === 1 && !mention.currency && mention.value <= 120;
}
