import { fold } from '../../tools/text/normalize.js';

/**
 * Figures written in golden-set keywords, read the way the keyword scorer compares them:
 * "$6,371.06" and "6371.06" are the same amount; "45,837 km" is a distance, not money.
 */
export type Figure =
  | { kind: 'money'; cents: number; text: string }
  | { kind: 'percent'; value: number; text: string }
  | { kind: 'km'; value: number; text: string }
  | { kind: 'mm'; value: number; text: string }
  | { kind: 'number'; value: number; text: string };

const TOKEN = /(\$\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%)?(\s?km\b)?(\s?mm\b)?/gi;

export function figuresIn(keyword: string): Figure[] {
  const figures: Figure[] = [];
  for (const match of keyword.matchAll(TOKEN)) {
    const [text, dollar, whole = '', decimals, percent, km, mm] = match;
    const value = Number(`${whole.replace(/,/g, '')}${decimals ?? ''}`);
    if (percent) figures.push({ kind: 'percent', value, text });
    else if (km) figures.push({ kind: 'km', value, text });
    else if (mm) figures.push({ kind: 'mm', value, text });
    else if (dollar || whole.includes(',') || decimals?.length === 3) {
      figures.push({ kind: 'money', cents: Math.round(value * 100), text });
    } else figures.push({ kind: 'number', value, text });
  }
  return figures;
}

/** Lowercase, no accents, punctuation as spaces: how phrases are compared with the knowledge text. */
export function foldPhrase(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}%$.,:]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `phrase` occurs in `text` as whole words (both folded). */
export function containsPhrase(text: string, phrase: string): boolean {
  const folded = foldPhrase(phrase).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${folded}($|[^\\p{L}\\p{N}])`, 'u').test(foldPhrase(text));
}
