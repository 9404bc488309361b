import { editDistance } from '../../../tools/text/edit-distance.js';
import { compactKey } from '../../../tools/text/normalize.js';
import type { CarIndex, CarName } from './car-index.js';
import { NOT_CAR_WORDS, allowedEdits, foldSpelling } from './fuzzy.js';
import type { Span } from '../../../tools/text/span.js';

/** A car named in the message: a make ("Toyota"), a model ("Corolla", make implied) or both. */
export interface CarMention extends Span {
  make: string;
  model: string | null;
  /** Read through a typo ("toyta" → Toyota). */
  corrected: boolean;
}

interface Word extends Span {
  text: string;
}

/** Words before an ambiguous name that make it a car: "la Avanza", "un Rio", "busco Polo". */
const CONTEXT_BEFORE = new Set([
  'un',
  'una',
  'el',
  'la',
  'mi',
  'tu',
  'su',
  'del',
  'ese',
  'esa',
  'este',
  'esta',
  'busco',
  'tienes',
  'tienen',
  'hay',
  'quiero',
  'interesa',
  'manejo',
  'vendo',
  'cambio',
  'vs',
  'o',
  'y',
  'tipo',
  'como',
]);

export function findCars(text: string, index: CarIndex): CarMention[] {
  const words: Word[] = [...text.matchAll(/[a-z0-9]+/g)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const mentions: CarMention[] = [];
  for (let i = 0; i < words.length;) {
    const found = matchAt(text, words, i, index, mentions);
    if (!found) {
      i++;
      continue;
    }
    const previous = mentions[mentions.length - 1];
    const span = { start: words[i]!.start, end: words[i + found.length - 1]!.end };
    if (
      previous &&
      previous.model === null &&
      previous.make === found.name.make &&
      found.name.model !== null &&
      wordsBetween(words, previous, span) <= 1
    ) {
      previous.model = found.name.model;
      previous.end = span.end;
      previous.corrected ||= found.corrected;
    } else {
      mentions.push({ ...span, make: found.name.make, model: found.name.model, corrected: found.corrected });
    }
    i += found.length;
  }
  return mentions;
}

interface Found {
  name: CarName;
  length: number;
  corrected: boolean;
}

function matchAt(
  text: string,
  words: readonly Word[],
  i: number,
  index: CarIndex,
  mentions: readonly CarMention[],
): Found | null {
  const previous = mentions[mentions.length - 1];
  for (let n = Math.min(index.maxWords, words.length - i); n >= 1; n--) {
    if (!joinable(text, words, i, n)) continue;
    const key = words
      .slice(i, i + n)
      .map((w) => w.text)
      .join('');
    const exact = index.byKey.get(key);
    // Spelling variants of several words only for long names ("land rober"), never "for the" → Forte.
    const foldable = n === 1 ? key.length >= 4 && !NOT_CAR_WORDS.has(key) : key.length >= 8;
    const names =
      exact ??
      (n === 1 ? pluralMake(key, index) : undefined) ??
      (foldable ? index.byFolded.get(foldSpelling(key)) : undefined);
    if (!names) continue;
    const name = choose(names, previous);
    if (accepts(name, words, i, n, index, previous))
      return { name, length: n, corrected: exact === undefined };
  }
  const fuzzy = fuzzyMatch(words[i]!.text, index, previous);
  if (!fuzzy) return null;
  return (
    withModelAfterCorrectedMake(text, words, i, fuzzy, index) ?? { name: fuzzy, length: 1, corrected: true }
  );
}

/**
 * "¿qué BMWs tienen?", "kias": a make in the plural. Makes only: a model's plural is too often
 * another word ("fits"), and "seats" is English for seats.
 */
function pluralMake(key: string, index: CarIndex): CarName[] | undefined {
  if (!key.endsWith('s') || key === 'seats') return undefined;
  const makes = index.byKey.get(key.slice(0, -1))?.filter((name) => name.model === null);
  return makes?.length ? makes : undefined;
}

/** "mazada 3": once the make is corrected, its name may continue into a model ("Mazda 3"). */
function withModelAfterCorrectedMake(
  text: string,
  words: readonly Word[],
  i: number,
  make: CarName,
  index: CarIndex,
): Found | null {
  if (make.model !== null) return null;
  for (let n = Math.min(index.maxWords, words.length - i); n >= 2; n--) {
    if (!joinable(text, words, i, n)) continue;
    const key =
      compactKey(make.make) +
      words
        .slice(i + 1, i + n)
        .map((w) => w.text)
        .join('');
    const name = index.byKey
      .get(key)
      ?.find((candidate) => candidate.make === make.make && candidate.model !== null);
    if (name) return { name, length: n, corrected: true };
  }
  return null;
}

/** Words join into one name across "-" ("x-trail") or a space after 2+ letters ("cx 5", not "a 3"). */
/** One-letter Spanish words (and "e", "u" for "y", "o"): never the first letter of a car's name. */
const LONE_WORDS = new Set(['a', 'e', 'o', 'u', 'y']);

function joinable(text: string, words: readonly Word[], i: number, n: number): boolean {
  for (let k = i + 1; k < i + n; k++) {
    const gap = text.slice(words[k - 1]!.end, words[k]!.start);
    if (!/^[\s-]*$/.test(gap)) return false;
    // "t cross", "x 1": a letter may start a name; "a", "y", "o" are words of their own.
    if (/\s/.test(gap) && words[k - 1]!.text.length < 2 && LONE_WORDS.has(words[k - 1]!.text)) return false;
  }
  return true;
}

function choose(names: readonly CarName[], previous: CarMention | undefined): CarName {
  return names.find((n) => previous && n.make === previous.make) ?? names[0]!;
}

function accepts(
  name: CarName,
  words: readonly Word[],
  i: number,
  n: number,
  index: CarIndex,
  previous: CarMention | undefined,
): boolean {
  if (name.ambiguity === 'none') return true;
  const afterMake =
    previous !== undefined &&
    previous.model === null &&
    previous.make === name.make &&
    previous.end >= (words[i - 1]?.start ?? 0);
  if (afterMake) return true;
  const before = words[i - 1]?.text;
  const articleBefore = before !== undefined && CONTEXT_BEFORE.has(before);
  const yearAfter = words
    .slice(i + n, i + n + 2)
    .some((w) => /^(19[5-9]\d|20[0-3]\d)$/.test(w.text) || w.text === 'modelo');
  // "un Uno 2019" is a Fiat; "el uno" is a pick.
  if (name.ambiguity === 'needsMake') return articleBefore && yearAfter;
  // "una mini van" is a body type, not a Mini.
  if (words[i + n]?.text === 'van') return false;
  // The whole message is the name ("Avanza", "clase c"): an answer to "¿qué modelo buscas?".
  if (articleBefore || yearAfter || words.length === n) return true;
  // A make that needs context ("Seat") is clear when its model follows ("Seat Ibiza").
  const nextNames = index.byKey.get(words[i + n]?.text ?? '') ?? [];
  return name.model === null && nextNames.some((next) => next.make === name.make && next.model !== null);
}

function fuzzyMatch(word: string, index: CarIndex, previous: CarMention | undefined): CarName | null {
  if (!/^[a-z]+$/.test(word) || NOT_CAR_WORDS.has(word)) return null;
  const { edits, substitution } = allowedEdits(word.length);
  if (edits === 0) return null;
  const folded = foldSpelling(word);
  let best: { distance: number; names: CarName[] } = { distance: Infinity, names: [] };
  for (const candidate of index.fuzzy) {
    if (Math.abs(candidate.folded.length - folded.length) > edits) continue;
    const distance = editDistance(folded, candidate.folded, { max: edits, substitution });
    if (distance > edits || distance > best.distance) continue;
    best =
      distance < best.distance
        ? { distance, names: [candidate.name] }
        : { distance, names: [...best.names, candidate.name] };
  }
  const distinct = new Set(best.names.map((n) => `${n.make}/${n.model ?? ''}`));
  if (best.names.length === 0) return null;
  if (distinct.size > 1) return best.names.find((n) => previous && n.make === previous.make) ?? null;
  return best.names[0]!;
}

function wordsBetween(words: readonly Word[], a: Span, b: Span): number {
  return words.filter((w) => w.start >= a.end && w.end <= b.start).length;
}
