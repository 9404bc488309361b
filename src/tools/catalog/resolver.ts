import {
  GENERIC_WORDS,
  KNOWN_MAKES,
  MAKE_ALIASES,
  MODEL_ALIASES,
  MODEL_FAMILY_ALIASES,
  OUTSIDE_CATALOG,
} from './aliases.js';
import { editDistance } from '../text/edit-distance.js';
import { compactKey, foldWords } from '../text/normalize.js';
import { typoThreshold } from './fuzzy.js';
import { digitsOf } from './normalize.js';
import type { Car } from './types.js';

export interface ModelRef {
  make: string;
  model: string;
}

/** How a name was understood: in the catalog (maybe after a typo fix), a real car we lack, or nothing. */
export type Lookup<T> =
  | { kind: 'exact'; value: T }
  | { kind: 'corrected'; value: T }
  | { kind: 'outside'; make: string | null }
  | { kind: 'none' };

export interface NameResolver {
  lookupMake(text: string): Lookup<string>;
  lookupModel(text: string, make?: string): Lookup<ModelRef>;
  makes(): string[];
  models(make: string): string[];
}

type Target<T> = { inCatalog: true; value: T } | { inCatalog: false; make: string | null };

/** Short aliases match only exactly: "ocho" must not become "vocho" (Volkswagen). */
const MIN_FUZZY_ALIAS = 6;

const byName = (a: string, b: string): number => a.localeCompare(b, 'en');

function isGeneric(text: string): boolean {
  return GENERIC_WORDS.has(foldWords(text));
}

/** The single closest candidate within the typo threshold; ties between different targets give none. */
function closest<T>(
  key: string,
  candidates: Iterable<[string, Target<T>]>,
  sameTarget: (a: Target<T>, b: Target<T>) => boolean,
): Target<T> | null {
  let best = Number.POSITIVE_INFINITY;
  let winners: Target<T>[] = [];
  for (const [candidateKey, target] of candidates) {
    const max = typoThreshold(Math.min(key.length, candidateKey.length));
    if (max === 0 || digitsOf(candidateKey) !== digitsOf(key)) continue;
    const distance = editDistance(key, candidateKey, { max });
    if (distance > max || distance > best) continue;
    if (distance < best) {
      best = distance;
      winners = [];
    }
    if (!winners.some((winner) => sameTarget(winner, target))) winners.push(target);
  }
  return winners.length === 1 ? winners[0]! : null;
}

function fromTarget<T>(target: Target<T> | null, corrected: boolean): Lookup<T> {
  if (target === null) return { kind: 'none' };
  if (!target.inCatalog) return { kind: 'outside', make: target.make };
  return { kind: corrected ? 'corrected' : 'exact', value: target.value };
}

/** Keys a model is known by: its own name, "<family> <code>" variants, and within its make the bare code. */
function modelKeys(model: string): { global: string[]; scoped: string[] } {
  const global = [compactKey(model)];
  const scoped: string[] = [];
  const [family, ...rest] = foldWords(model).split(' ');
  const aliases = family === undefined ? undefined : MODEL_FAMILY_ALIASES[family];
  if (aliases && rest.length > 0) {
    const code = rest.join(' ');
    global.push(...aliases(code).map(compactKey));
    scoped.push(compactKey(code));
    // "CLA" alone is unambiguous; "C" or "3" alone only within their make.
    if (family === 'clase' && /^[a-z]{2,}$/.test(compactKey(code))) global.push(compactKey(code));
  }
  return { global, scoped };
}

/** Indexes the catalog's makes and models once; every lookup is then a few map reads or a short scan. */
export function createResolver(cars: readonly Car[]): NameResolver {
  const counts = new Map<string, Map<string, number>>();
  for (const car of cars) {
    const models = counts.get(car.make) ?? new Map<string, number>();
    models.set(car.model, (models.get(car.model) ?? 0) + 1);
    counts.set(car.make, models);
  }
  const carCount = (ref: ModelRef): number => counts.get(ref.make)?.get(ref.model) ?? 0;

  const makeKeys = new Map<string, string>();
  for (const make of counts.keys()) makeKeys.set(compactKey(make), make);
  for (const [make, aliases] of Object.entries(MAKE_ALIASES)) {
    if (!counts.has(make)) continue;
    for (const alias of aliases) if (!makeKeys.has(compactKey(alias))) makeKeys.set(compactKey(alias), make);
  }
  const outsideMakeKeys = new Map<string, string>();
  for (const make of [...KNOWN_MAKES, ...Object.keys(OUTSIDE_CATALOG)]) {
    if (!makeKeys.has(compactKey(make))) outsideMakeKeys.set(compactKey(make), make);
  }

  const globalModels = new Map<string, ModelRef[]>();
  const scopedModels = new Map<string, Map<string, ModelRef>>();
  const addGlobal = (key: string, ref: ModelRef): void => {
    const refs = globalModels.get(key) ?? [];
    if (!refs.some((other) => other.make === ref.make && other.model === ref.model)) refs.push(ref);
    globalModels.set(key, refs);
  };
  for (const [make, models] of counts) {
    const scoped = new Map<string, ModelRef>();
    for (const model of models.keys()) {
      const ref = { make, model };
      const keys = modelKeys(model);
      for (const key of keys.global) addGlobal(key, ref);
      for (const key of [...keys.global, ...keys.scoped]) if (!scoped.has(key)) scoped.set(key, ref);
    }
    scopedModels.set(make, scoped);
  }
  for (const [alias, model] of Object.entries(MODEL_ALIASES)) {
    for (const [make, models] of counts) if (models.has(model)) addGlobal(compactKey(alias), { make, model });
  }
  const outsideModelKeys = new Map<string, string>();
  for (const [make, models] of Object.entries(OUTSIDE_CATALOG)) {
    for (const model of models)
      if (!globalModels.has(compactKey(model))) outsideModelKeys.set(compactKey(model), make);
  }
  const outsideMake = (make: string): string | null => (counts.has(make) ? make : null);

  function pick(refs: readonly ModelRef[], preferMake?: string): ModelRef | undefined {
    const preferred = refs.find((ref) => ref.make === preferMake);
    if (preferred) return preferred;
    return [...refs].sort((a, b) => carCount(b) - carCount(a) || byName(a.make, b.make))[0];
  }

  function lookupMake(text: string): Lookup<string> {
    const key = compactKey(text);
    if (key === '' || isGeneric(text)) return { kind: 'none' };
    const exact = makeKeys.get(key);
    if (exact) return { kind: 'exact', value: exact };
    if (outsideMakeKeys.has(key)) return { kind: 'outside', make: null };
    // A model's name is not a misspelt make ("beat" is a Chevrolet, not "Seat").
    if (globalModels.has(key) || outsideModelKeys.has(key)) return { kind: 'none' };
    const candidates: [string, Target<string>][] = [
      ...[...makeKeys]
        .filter(([k, make]) => k === compactKey(make) || k.length >= MIN_FUZZY_ALIAS)
        .map(([k, make]): [string, Target<string>] => [k, { inCatalog: true, value: make }]),
      ...[...outsideMakeKeys.keys()].map((k): [string, Target<string>] => [
        k,
        { inCatalog: false, make: null },
      ]),
    ];
    const same = (a: Target<string>, b: Target<string>): boolean =>
      a.inCatalog && b.inCatalog ? a.value === b.value : a === b;
    return fromTarget(closest(key, candidates, same), true);
  }

  const sameModel = (a: Target<ModelRef>, b: Target<ModelRef>): boolean =>
    a.inCatalog && b.inCatalog ? a.value.make === b.value.make && a.value.model === b.value.model : a === b;

  function fuzzyModel(key: string, make: string | undefined): Lookup<ModelRef> {
    const candidates: [string, Target<ModelRef>][] = [];
    // Only models' own names are typo targets; aliases ("bmw3", "mercedesc") match exactly.
    const own = (k: string, ref: ModelRef | undefined): ref is ModelRef =>
      ref !== undefined && k === compactKey(ref.model);
    if (make !== undefined) {
      for (const [k, ref] of scopedModels.get(make) ?? [])
        if (own(k, ref)) candidates.push([k, { inCatalog: true, value: ref }]);
    } else {
      for (const [k, refs] of globalModels) {
        const ref = pick(refs);
        if (own(k, ref)) candidates.push([k, { inCatalog: true, value: ref }]);
      }
    }
    for (const [k, outside] of outsideModelKeys) {
      if (make === undefined || outside === make)
        candidates.push([k, { inCatalog: false, make: outsideMake(outside) }]);
    }
    return fromTarget(closest(key, candidates, sameModel), true);
  }

  function exactModel(key: string, make: string | undefined): ModelRef | undefined {
    return (
      (make === undefined ? undefined : scopedModels.get(make)?.get(key)) ??
      pick(globalModels.get(key) ?? [], make)
    );
  }

  function lookupModelKey(key: string, make: string | undefined): Lookup<ModelRef> {
    const exact = exactModel(key, make);
    if (exact) return { kind: 'exact', value: exact };
    const outside = outsideModelKeys.get(key);
    if (outside !== undefined) return { kind: 'outside', make: outsideMake(outside) };
    const withinMake = make === undefined ? ({ kind: 'none' } as const) : fuzzyModel(key, make);
    return withinMake.kind === 'none' ? fuzzyModel(key, undefined) : withinMake;
  }

  function lookupModel(text: string, make?: string): Lookup<ModelRef> {
    const key = compactKey(text);
    if (key === '' || isGeneric(text)) return { kind: 'none' };
    const scope = make !== undefined && counts.has(make) ? make : undefined;
    // A make is not a model ("mazda" must not become "Mazda 3") unless a model is named so.
    if (makeKeys.has(key) || outsideMakeKeys.has(key)) {
      const exact = exactModel(key, scope);
      return exact ? { kind: 'exact', value: exact } : { kind: 'none' };
    }
    const direct = lookupModelKey(key, scope);
    if (direct.kind === 'exact') return direct;
    // "vw jetta", "mazda 3", "land rover discovery": a make written before the model.
    const words = foldWords(text).split(' ');
    for (let i = 1; i < Math.min(words.length, 3); i++) {
      const prefix = words.slice(0, i).join('');
      const rest = words.slice(i).join('');
      const prefixMake = makeKeys.get(prefix);
      if (prefixMake !== undefined && !isGeneric(rest)) {
        const found = lookupModelKey(rest, prefixMake);
        if (found.kind !== 'none') return found;
      }
      if (outsideMakeKeys.has(prefix)) return { kind: 'outside', make: null };
    }
    return direct;
  }

  return {
    lookupMake,
    lookupModel,
    makes: () => [...counts.keys()].sort(byName),
    models: (make) => [...(counts.get(make)?.keys() ?? [])].sort(byName),
  };
}
