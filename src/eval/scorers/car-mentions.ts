import type { Catalog } from '../../tools/catalog/types.js';
import { fold, foldKeepingPositions } from '../../tools/text/normalize.js';
import { findAll, type Span } from '../../tools/text/span.js';

/** A car named in a reply: "Nissan Versa 2020", "el Versa 2020", "ID 305016", "Toyota Hilux 2021". */
export interface CarMention {
  /** known: a catalog make/model with a year; unknown: a catalog make with a model it lacks. */
  kind: 'known' | 'unknown' | 'stock_id';
  start: number;
  end: number;
  text: string;
  make?: string;
  model?: string;
  year?: number;
  stockId?: string;
  /** Said in a negative clause ("no tenemos Corolla 2021"): not a car the reply offers. */
  negated: boolean;
}

/** The mentions of one car and the stretch of its line that speaks about it. */
export interface CarReference {
  mentions: CarMention[];
  start: number;
  end: number;
  negated: boolean;
}

interface ModelPattern {
  make: string;
  model: string;
  pattern: RegExp;
  /** A word every match contains: most patterns are skipped by a substring test, not a regex scan. */
  needle: string;
}

interface Vocabulary {
  models: ModelPattern[];
  unknownByMake: { make: string; pattern: RegExp; needle: string; knownModels: string[] }[];
}

const YEAR = String.raw`(?:(?:modelo|del|de|ano)\s+)?((?:19|20)\d{2})`;
/**
 * A mention starts after no letter or digit and its year ends before none. Checked on each match
 * rather than written into the patterns: a `\p{L}` lookaround costs each of the catalog's ~85
 * patterns half a millisecond to compile, a quarter of a second per eval run; the checks are exact.
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
function isWholeMention(text: string, span: Span): boolean {
  const before = text[span.start - 1];
  const after = text[span.end];
  return (
    !(before !== undefined && LETTER_OR_DIGIT.test(before)) && !(after !== undefined && DIGIT.test(after))
  );
}
/** Models that are everyday words or too short to trust without the make ("uno", "rio", "A1"). */
const MIN_MODEL_ONLY_LENGTH = 4;
const FUNCTION_WORDS = new Set([
  'del',
  'de',
  'modelo',
  'ano',
  'en',
  'a',
  'con',
  'y',
  'o',
  'el',
  'la',
  'un',
  'una',
  'desde',
  'hasta',
]);
const STOCK_ID = /(?<![\p{L}])(?:id|stock(?:\s*id)?|numero de stock)\s*[:#]?\s*(\d{4,})/gu;
const NEGATION = /(?<![\p{L}])(?:no|ni|sin|ningun[ao]?|tampoco|nunca)(?![\p{L}])/u;

const vocabularies = new WeakMap<Catalog, Vocabulary>();

function nameWords(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function namePattern(name: string): string {
  return nameWords(name).join(String.raw`[\s-]?`);
}

function compact(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]/gu, '');
}

function vocabularyOf(catalog: Catalog): Vocabulary {
  const cached = vocabularies.get(catalog);
  if (cached) return cached;
  const models: ModelPattern[] = [];
  const unknownByMake: Vocabulary['unknownByMake'] = [];
  for (const make of catalog.makes()) {
    const makeRe = namePattern(make);
    const makeModels = catalog.models(make);
    for (const model of makeModels) {
      const makeGroup =
        compact(model).length >= MIN_MODEL_ONLY_LENGTH ? `(?:(${makeRe})\\s+)?` : `(${makeRe})\\s+`;
      models.push({
        make,
        model,
        pattern: new RegExp(`${makeGroup}(${namePattern(model)})\\s+${YEAR}`, 'gu'),
        needle: nameWords(model)[0] ?? '',
      });
    }
    const word = String.raw`[\p{L}\p{N}][\p{L}\p{N}-]*`;
    unknownByMake.push({
      make,
      pattern: new RegExp(`(${makeRe})\\s+(${word}(?:\\s+${word})?)\\s+${YEAR}`, 'gu'),
      needle: nameWords(make)[0] ?? '',
      knownModels: makeModels.map(compact),
    });
  }
  const vocabulary = { models, unknownByMake };
  vocabularies.set(catalog, vocabulary);
  return vocabulary;
}

/** Car mentions in a text, in order, without overlaps. */
export function findCarMentions(text: string, catalog: Catalog): CarMention[] {
  const original = text.normalize('NFC');
  const folded = foldKeepingPositions(original);
  const vocabulary = vocabularyOf(catalog);
  const found: CarMention[] = [];
  const add = (mention: Omit<CarMention, 'text' | 'negated'>) =>
    found.push({
      ...mention,
      text: original.slice(mention.start, mention.end),
      negated: isNegated(folded, mention.start),
    });

  for (const { make, model, pattern, needle } of vocabulary.models) {
    if (!folded.includes(needle)) continue;
    for (const { match } of findAll(folded, pattern, isWholeMention)) {
      add({
        kind: 'known',
        start: match.index,
        end: match.index + match[0].length,
        make,
        model,
        year: Number(match[3]),
      });
    }
  }
  for (const { make, pattern, needle, knownModels } of vocabulary.unknownByMake) {
    if (!folded.includes(needle)) continue;
    for (const { match } of findAll(folded, pattern, isWholeMention)) {
      const words = match[2] ?? '';
      const first = words.split(/\s+/)[0] ?? '';
      if (FUNCTION_WORDS.has(first)) continue;
      const compactWords = compact(words);
      if (knownModels.some((known) => compactWords.startsWith(known))) continue;
      const model = original.slice(
        match.index + match[0].indexOf(words),
        match.index + match[0].indexOf(words) + words.length,
      );
      add({
        kind: 'unknown',
        start: match.index,
        end: match.index + match[0].length,
        make,
        model,
        year: Number(match[3]),
      });
    }
  }
  for (const { match } of findAll(folded, STOCK_ID)) {
    add({ kind: 'stock_id', start: match.index, end: match.index + match[0].length, stockId: match[1] });
  }

  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CarMention[] = [];
  for (const mention of found) {
    const last = kept.at(-1);
    if (!last || mention.start >= last.end) kept.push(mention);
  }
  return kept;
}

/** A negative word in the mention's clause (clauses end at punctuation, a line break or "pero"). */
function isNegated(folded: string, start: number): boolean {
  const before = folded.slice(0, start);
  const pero = before.lastIndexOf(' pero ');
  const clauseStart = Math.max(
    ...['.', '!', '?', ';', ':', ',', '\n', '¿', '¡'].map((mark) => before.lastIndexOf(mark) + 1),
    pero < 0 ? 0 : pero + ' pero '.length,
  );
  return NEGATION.test(before.slice(clauseStart));
}

/**
 * Groups mentions into cars: a make/model mention starts a car, and a stock id later in its
 * line belongs to it ("Nissan Versa 2020 … $259,999.00 (ID 123456)"). A car's stretch runs to the
 * next car or the end of the line; that is where its price is read.
 */
export function carReferences(text: string, mentions: readonly CarMention[]): CarReference[] {
  const references: CarReference[] = [];
  let current: CarReference | undefined;
  const lineOf = (index: number) => text.lastIndexOf('\n', index - 1) + 1;
  for (const mention of mentions) {
    const owner = current;
    const belongsToOwner =
      owner !== undefined &&
      mention.kind === 'stock_id' &&
      lineOf(mention.start) === lineOf(owner.start) &&
      owner.mentions[0]?.kind === 'known' &&
      !owner.mentions.some((m) => m.kind === 'stock_id');
    if (belongsToOwner) {
      owner.mentions.push(mention);
      continue;
    }
    const start =
      mention.kind === 'stock_id'
        ? Math.max(lineOf(mention.start), current?.mentions.at(-1)?.end ?? 0)
        : mention.start;
    current = { mentions: [mention], start, end: text.length, negated: mention.negated };
    references.push(current);
  }
  for (let i = 0; i < references.length; i++) {
    const reference = references[i]!;
    const lineEnd = text.indexOf('\n', reference.mentions.at(-1)!.end);
    const next = references[i + 1]?.start ?? text.length;
    reference.end = Math.min(lineEnd < 0 ? text.length : lineEnd, next);
  }
  return references;
}
