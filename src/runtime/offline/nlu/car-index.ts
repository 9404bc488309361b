import { compactKey } from '../../../tools/text/normalize.js';
import { CAR_LEXICON, NEEDS_CONTEXT, NEEDS_MAKE, modelNames } from '../../../tools/text/car-lexicon.js';
import { NOT_CAR_WORDS, foldSpelling } from './fuzzy.js';
import type { Vocabulary } from './vocabulary.js';

/** How sure a bare word is a car: "Jetta" always, "Rio" with context, "Uno" only after "Fiat". */
export type CarNameAmbiguity = 'none' | 'needsMake' | 'needsContext';

export interface CarName {
  make: string;
  /** null for a make alone ("Toyota"). */
  model: string | null;
  ambiguity: CarNameAmbiguity;
}

export interface CarIndex {
  /** Compact key ("cx5", "mercedesbenz") → names; one key may name models of two makes. */
  readonly byKey: ReadonlyMap<string, readonly CarName[]>;
  /** Folded spelling (fuzzy.ts) → names, for unambiguous names only. */
  readonly byFolded: ReadonlyMap<string, readonly CarName[]>;
  /** One-word unambiguous names, folded, for edit-distance matching. */
  readonly fuzzy: readonly { folded: string; name: CarName }[];
  /** Longest name in words ("Discovery Sport" = 2). */
  readonly maxWords: number;
}

function ambiguityOf(key: string, isModel: boolean): CarNameAmbiguity {
  if (NEEDS_MAKE.has(key)) return 'needsMake';
  if (NEEDS_CONTEXT.has(key)) return 'needsContext';
  if (isModel && (/^\d+$/.test(key) || key.length <= 2 || NOT_CAR_WORDS.has(key))) return 'needsMake';
  return 'none';
}

/**
 * The built-in lexicon merged with the catalog's names. Where both name the same car the
 * catalog's spelling is returned, so the catalog tool gets back exactly what it has.
 */
export function buildCarIndex(vocabulary?: Vocabulary): CarIndex {
  const byKey = new Map<string, CarName[]>();
  let maxWords = 1;
  const add = (alias: string, make: string, model: string | null): void => {
    const key = compactKey(alias);
    if (key === '') return;
    maxWords = Math.max(maxWords, alias.split(/[^a-z0-9]+/i).filter(Boolean).length);
    const names = byKey.get(key) ?? [];
    if (!names.some((n) => n.make === make && n.model === model)) {
      names.push({ make, model, ambiguity: ambiguityOf(key, model !== null) });
    }
    byKey.set(key, names);
  };

  const vocabMakes = new Map((vocabulary?.makes ?? []).map((m) => [compactKey(m), m]));
  const knownMakeKeys = new Set<string>();
  for (const entry of CAR_LEXICON) {
    const spellings = [entry.make, ...entry.aliases, ...(entry.misspellings ?? [])];
    const keys = spellings.map(compactKey);
    const make = keys.map((k) => vocabMakes.get(k)).find((m) => m !== undefined) ?? entry.make;
    keys.forEach((k) => knownMakeKeys.add(k));
    for (const alias of spellings) add(alias, make, null);
    const vocabModels = new Map(
      (vocabulary?.models ?? [])
        .filter((m) => keys.includes(compactKey(m.make)))
        .map((m) => [compactKey(m.model), m.model]),
    );
    for (const spec of entry.models) {
      const { model: canonical, aliases, misspellings } = modelNames(spec);
      const names = [canonical, ...aliases, ...misspellings];
      const model =
        names.map((n) => vocabModels.get(compactKey(n))).find((m) => m !== undefined) ?? canonical;
      for (const alias of names) add(alias, make, model);
    }
  }
  for (const make of vocabulary?.makes ?? []) {
    if (!knownMakeKeys.has(compactKey(make))) add(make, make, null);
  }
  for (const { make, model } of vocabulary?.models ?? []) {
    const existing = byKey.get(compactKey(model)) ?? [];
    if (
      existing.some(
        (n) => n.model !== null && compactKey(n.make) === compactKey(canonicalMakeFor(make, byKey)),
      )
    )
      continue;
    add(model, canonicalMakeFor(make, byKey), model);
  }

  // "el m2": a version name of one model, only with context (an article, a year), never fuzzy.
  for (const { name, make, model } of vocabulary?.versionNames ?? []) {
    const key = compactKey(name);
    if (byKey.has(key)) continue;
    byKey.set(key, [{ make: canonicalMakeFor(make, byKey), model, ambiguity: 'needsContext' }]);
  }
  const byFolded = new Map<string, CarName[]>();
  const fuzzy: { folded: string; name: CarName }[] = [];
  for (const [key, names] of byKey) {
    const clear = names.filter((n) => n.ambiguity === 'none');
    if (clear.length === 0 || key.length < 4) continue;
    const folded = foldSpelling(key);
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), ...clear]);
    if (/^[a-z]+$/.test(key)) for (const name of clear) fuzzy.push({ folded, name });
  }
  return { byKey, byFolded, fuzzy, maxWords };
}

function canonicalMakeFor(make: string, byKey: ReadonlyMap<string, readonly CarName[]>): string {
  return byKey.get(compactKey(make))?.find((n) => n.model === null)?.make ?? make;
}
