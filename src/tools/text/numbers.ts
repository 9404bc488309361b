import type { Span } from './span.js';
import { insideAny } from './span.js';
import { ARTICLE_NUMBERS, CURRENCY_WORDS, MULTIPLIER_WORDS, NUMBER_WORDS } from './spanish-numbers.js';
import type { Token } from './tokens.js';
import { hasThousandsSeparators, numberValue } from './tokens.js';

/**
 * One number the customer wrote, however they wrote it: "300 mil", "300k", "$300,000",
 * "medio millón", "un cuarto de millón", "1.2 millones", "trescientos cincuenta mil", "2018".
 */
export interface NumberMention extends Span {
  value: number;
  /** Largest multiplier word used ("mil" 1000, "millón" 1e6); 1 when none. */
  multiplier: number;
  /** "$" before or "pesos"/"lana" after. */
  currency: boolean;
  /** Written with thousands separators ("300,000"). */
  grouped: boolean;
  decimal: boolean;
  /** The digits when written as one plain run ("2018", "305016"): a candidate year or stock id. */
  plainDigits: string | null;
  /** Written at least partly in words ("dos mil dieciocho"). */
  words: boolean;
}

type Step = 'none' | 'digits' | 'hundreds' | 'tens' | 'units' | 'multiplier';

interface PhraseState {
  total: number;
  group: number;
  step: Step;
  multiplier: number;
  /** Multiplier of the last "mil"/"millón" seen: bounds what may follow ("mil" → < 1000). */
  lastMultiplier: number;
  words: boolean;
  decimal: boolean;
  grouped: boolean;
  digitTokens: number;
}

/** Finds number phrases among the tokens, skipping tokens inside `masked` (car names, times). */
export function findNumbers(tokens: readonly Token[], masked: readonly Span[] = []): NumberMention[] {
  const mentions: NumberMention[] = [];
  const isMasked = (t: Token | undefined): boolean => !t || insideAny(t.start, masked);
  for (let i = 0; i < tokens.length; i++) {
    if (isMasked(tokens[i]) || !startsNumber(tokens, i)) continue;
    const phrase = readPhrase(tokens, i, isMasked);
    if (!phrase) continue;
    const first = tokens[i]!;
    const last = tokens[phrase.lastIndex]!;
    const value = phraseValue(phrase.state);
    mentions.push({
      start: first.start,
      end: last.end,
      value,
      multiplier: phrase.state.multiplier,
      currency: tokens[i - 1]?.text === '$' || isCurrencyAfter(tokens, phrase.lastIndex),
      grouped: phrase.state.grouped,
      decimal: phrase.state.decimal,
      plainDigits:
        phrase.state.digitTokens === 1 &&
        phrase.lastIndex === i &&
        !phrase.state.grouped &&
        !phrase.state.decimal
          ? first.text
          : null,
      words: phrase.state.words,
    });
    i = phrase.lastIndex;
  }
  return mentions;
}

function startsNumber(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind === 'number') return true;
  if (t.kind !== 'word') return false;
  const next = tokens[i + 1]?.text ?? '';
  if (ARTICLE_NUMBERS.has(t.text)) return next === 'mil' || next.startsWith('millon');
  if (t.text === 'medio') return next === 'millon';
  // "un cuarto de millón": 250 mil.
  if (t.text === 'cuarto') return next === 'de' && tokens[i + 2]?.text === 'millon';
  if (t.text === 'mil' || t.text === 'millon') return true;
  if (t.text === 'ciento' && tokens[i - 1]?.text === 'por') return false;
  return t.text in NUMBER_WORDS;
}

function readPhrase(
  tokens: readonly Token[],
  from: number,
  isMasked: (t: Token | undefined) => boolean,
): { state: PhraseState; lastIndex: number } | null {
  const state: PhraseState = {
    total: 0,
    group: 0,
    step: 'none',
    multiplier: 1,
    lastMultiplier: Infinity,
    words: false,
    decimal: false,
    grouped: false,
    digitTokens: 0,
  };
  let lastIndex = -1;
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (isMasked(t)) break;
    const prev = tokens[j - 1];
    // "1/4 de millón", "3/4 de millon", "1/2 millón": a fraction of a million.
    const fraction = state.step === 'none' ? fractionOfMillion(tokens, j) : null;
    if (fraction) {
      state.group = fraction.value;
      state.step = 'digits';
      state.digitTokens = 2;
      lastIndex = fraction.lastIndex;
      j = fraction.lastIndex;
      continue;
    }
    if (t.kind === 'number') {
      const value = numberValue(t.text);
      const afterHundreds = state.step === 'hundreds' && Number.isInteger(value) && value < 100;
      if (state.step !== 'none' && state.step !== 'multiplier' && !afterHundreds) break;
      if (state.step === 'multiplier' && value >= state.lastMultiplier) break;
      state.group += value;
      state.step = 'digits';
      state.digitTokens++;
      state.decimal ||= !Number.isInteger(value);
      state.grouped ||= hasThousandsSeparators(t.text);
      lastIndex = j;
      continue;
    }
    if (t.kind !== 'word') break;
    const word = t.text;
    const multiplier = MULTIPLIER_WORDS[word];
    if (multiplier !== undefined && acceptsMultiplier(state, word, t, prev)) {
      applyMultiplier(state, multiplier);
      lastIndex = j;
      continue;
    }
    // "3 cientos mil": a digit with the hundreds word written out is hundreds.
    // "dos cientos mil": the unit word with the hundreds word written apart is hundreds too.
    if (
      HUNDREDS_WORDS.has(word) &&
      (state.step === 'digits' || state.step === 'units') &&
      isUnitDigit(state.group)
    ) {
      state.group *= 100;
      state.step = 'hundreds';
      state.words = true;
      lastIndex = j;
      continue;
    }
    if (word === 'medio' && state.step === 'none' && tokens[j + 1]?.text === 'millon') {
      state.group = 0.5;
      state.step = 'digits';
      lastIndex = j;
      continue;
    }
    if (
      word === 'cuarto' &&
      state.step === 'none' &&
      tokens[j + 1]?.text === 'de' &&
      tokens[j + 2]?.text === 'millon'
    ) {
      state.group = 0.25;
      state.step = 'digits';
      lastIndex = j + 1;
      j++;
      continue;
    }
    if (
      word === 'y' &&
      state.step === 'multiplier' &&
      state.lastMultiplier === 1_000_000 &&
      tokens[j + 1]?.text === 'medio'
    ) {
      state.total += 500_000;
      lastIndex = j + 1;
      j++;
      continue;
    }
    if (word === 'y' && state.step === 'tens') {
      const unit = NUMBER_WORDS[tokens[j + 1]?.text ?? ''];
      if (unit !== undefined && unit >= 1 && unit <= 9) continue;
      break;
    }
    const value = NUMBER_WORDS[word];
    if (value === undefined || !wordFits(state, value, word, tokens[j + 1]?.text)) break;
    state.group += value;
    state.step = value >= 100 ? 'hundreds' : value >= 20 && value % 10 === 0 ? 'tens' : 'units';
    state.words = true;
    lastIndex = j;
  }
  return lastIndex >= from ? { state, lastIndex } : null;
}

/** "1/4 de millón": the fraction's value, the "de" read (the multiplier word follows it). */
function fractionOfMillion(tokens: readonly Token[], i: number): { value: number; lastIndex: number } | null {
  const [top, slash, bottom, de] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (top?.kind !== 'number' || slash?.text !== '/' || bottom?.kind !== 'number') return null;
  const value = Number(top.text) / Number(bottom.text);
  if (!(value > 0 && value < 1)) return null;
  if (tokens[i + 3]?.text.startsWith('millon')) return { value, lastIndex: i + 2 };
  if (de?.text === 'de' && tokens[i + 4]?.text.startsWith('millon')) return { value, lastIndex: i + 3 };
  return null;
}

const HUNDREDS_WORDS = new Set(['cientos', 'cientas']);

function isUnitDigit(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 9;
}

function acceptsMultiplier(state: PhraseState, word: string, t: Token, prev: Token | undefined): boolean {
  const attached = prev !== undefined && prev.end === t.start;
  if (word === 'm') return state.step === 'digits' && attached && state.group < 100;
  if (word === 'k' || word === 'mdp' || word === 'lucas' || word === 'lukas' || word === 'grand') {
    return state.step !== 'none' && state.step !== 'multiplier';
  }
  if (state.step === 'multiplier') return false;
  return true;
}

function applyMultiplier(state: PhraseState, multiplier: number): void {
  const group = state.step === 'none' ? 1 : state.group;
  if (multiplier >= 1_000_000) {
    state.total = (state.total + group) * multiplier;
  } else {
    state.total += group * multiplier;
  }
  state.group = 0;
  state.step = 'multiplier';
  state.multiplier = Math.max(state.multiplier, multiplier);
  state.lastMultiplier = multiplier;
}

function wordFits(state: PhraseState, value: number, word: string, next: string | undefined): boolean {
  if (ARTICLE_NUMBERS.has(word)) return next === 'mil' || (next ?? '').startsWith('millon');
  switch (state.step) {
    case 'none':
      return true;
    case 'multiplier':
      return value < state.lastMultiplier;
    case 'hundreds':
      return value < 100;
    case 'tens':
      return value < 10;
    default:
      return false;
  }
}

/** "un millón doscientos" is said for 1.2 millones: a bare hundreds group after millón means thousands. */
function phraseValue(state: PhraseState): number {
  if (
    state.lastMultiplier === 1_000_000 &&
    state.step !== 'multiplier' &&
    state.group > 0 &&
    state.group < 1000
  ) {
    return state.total + state.group * 1000;
  }
  return state.total + state.group;
}

function isCurrencyAfter(tokens: readonly Token[], lastIndex: number): boolean {
  const next = tokens[lastIndex + 1]?.text;
  if (next && CURRENCY_WORDS.has(next)) return true;
  return next === 'de' && CURRENCY_WORDS.has(tokens[lastIndex + 2]?.text ?? '');
}
