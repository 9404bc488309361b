/**
 * Text keys for matching what customers write against catalog names: accents, case and
 * punctuation never matter ("Mercedes Benz" = "mercedes-benz", "CX5" = "cx-5", "año" = "ano").
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** normalizeText without spaces: the key every name is indexed by. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}

/** Digits of a key: a typo fix may never change them ("Serie 4" is not "Serie 3"). */
export function digitsOf(key: string): string {
  return key.replace(/\D/g, '');
}

export function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
