import { CAR_LEXICON, modelNames } from '../text/car-lexicon.js';

/**
 * The catalog's view of the one car lexicon (src/tools/text/car-lexicon.ts): other names of
 * makes and models, and the real cars the bundled catalog may not stock — only used to tell
 * "not in the catalog" from a typo, never to invent stock. Misspellings are left out: the
 * resolver's typo tolerance reads them and reports them as corrected.
 */

/** Canonical spelling of makes, by any of their other names (matched after normalisation). */
export const MAKE_ALIASES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  CAR_LEXICON.map((entry) => [entry.make, entry.aliases]),
);

/** Makes sold in Mexico; spelled here so "KIA" or "mercedes benz" in a CSV print well. */
export const KNOWN_MAKES: readonly string[] = CAR_LEXICON.map((entry) => entry.make);

/** Real makes and their models' names (make → names); the resolver uses those the catalog lacks. */
export const OUTSIDE_CATALOG: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  CAR_LEXICON.map((entry) => [
    entry.make,
    entry.models.flatMap((spec) => {
      const { model, aliases } = modelNames(spec);
      return [model, ...aliases];
    }),
  ]),
);

/** Other model names: alias → canonical model (used only if the catalog has that model). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  CAR_LEXICON.flatMap((entry) =>
    entry.models.flatMap((spec) => {
      const { model, aliases } = modelNames(spec);
      return aliases.map((alias) => [alias, model] as const);
    }),
  ),
);

/**
 * Words that look like an answer but name no car; they never resolve, not even by typo
 * tolerance ("el", "año", "auto" must not become a model).
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'auto',
  'autos',
  'carro',
  'carros',
  'coche',
  'coches',
  'camioneta',
  'camionetas',
  'vehiculo',
  'vehiculos',
  'modelo',
  'marca',
  'version',
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'ano',
  'anos',
  'sedan',
  'suv',
  'hatchback',
  'pickup',
  'nuevo',
  'seminuevo',
  'usado',
  'barato',
  'cualquiera',
  'otro',
  'otra',
  'ninguno',
  'si',
  'no',
  'que',
  'cual',
  'car',
  'any',
  'automatico',
  'manual',
]);

/**
 * Model names built as "<family word> <code>" ("Serie 3", "Clase C", "Mazda 3"): the other ways
 * customers say them, given the code. Keys are matched after normalisation.
 */
export const MODEL_FAMILY_ALIASES: Readonly<Record<string, (code: string) => string[]>> = {
  serie: (code) => [`series ${code}`, `bmw ${code}`, `${code} series`, `serie ${code}`],
  clase: (code) => [`class ${code}`, `${code} class`, `mercedes ${code}`, `clase ${code}`],
  mazda: (code) => [`mazda ${code}`, `mazda${code}`],
};
