import { KNOWN_MAKES, MAKE_ALIASES, OUTSIDE_CATALOG } from './aliases.js';
import { compactKey } from '../text/normalize.js';
import { titleCase } from './normalize.js';

/** Spelling of every make we know, by compact key ("mercedesbenz", "vw", "kia" …). */
const MAKE_SPELLING = new Map<string, string>();
for (const make of [...KNOWN_MAKES, ...Object.keys(OUTSIDE_CATALOG)])
  MAKE_SPELLING.set(compactKey(make), make);
for (const [make, aliases] of Object.entries(MAKE_ALIASES)) {
  for (const alias of aliases) MAKE_SPELLING.set(compactKey(alias), make);
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** "KIA" → "Kia", "Mercedes Benz" → "Mercedes-Benz", "VW" → "Volkswagen"; unknown makes title-cased. */
export function canonicalMake(raw: string): string {
  const text = collapseSpaces(raw);
  const known = MAKE_SPELLING.get(compactKey(text));
  if (known) return known;
  return text
    .split(' ')
    .map((word) => (word.length <= 3 && word === word.toUpperCase() ? word : titleCase(word)))
    .join(' ');
}

function hasUpper(text: string): boolean {
  return text !== text.toLowerCase();
}

function hasLower(text: string): boolean {
  return text !== text.toUpperCase();
}

/** One hyphen-separated part of a model word: codes upper-case, words title-case. */
function casePart(part: string): string {
  if (part === '') return part;
  const letters = part.replace(/[^\p{L}]/gu, '');
  if (/\d/.test(part)) return hasUpper(part) && hasLower(part) ? part : part.toUpperCase();
  if (letters.length <= 2) return part.toUpperCase();
  if (hasUpper(part) && hasLower(part) && part.charAt(0) === part.charAt(0).toUpperCase()) return part;
  if (letters.length === 3 && !hasLower(part)) return part;
  return titleCase(part);
}

/**
 * "FORTE" → "Forte", "Hs" → "HS", "cx-5" → "CX-5", "t-cross" → "T-Cross"; mixed-case names
 * as written ("EcoSport", "Mazda 3", "Clase CLA").
 */
export function canonicalModel(raw: string): string {
  return collapseSpaces(raw)
    .split(' ')
    .map((word) => word.split('-').map(casePart).join('-'))
    .join(' ');
}
