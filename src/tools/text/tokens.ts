import { findAll, type Span } from './span.js';

export type TokenKind = 'word' | 'number' | 'time' | 'symbol' | 'punct';

export interface Token extends Span {
  text: string;
  kind: TokenKind;
}

/**
 * Numbers as Mexicans write them: "10:30" (a time), "300,000" / "1,200,000.50" (comma
 * thousands), "300.000" (dot thousands), "1.2" / "1,5" (decimals), plain digits. A comma or dot
 * after a number ends it unless a digit follows ("$21,299.90, financias").
 */
const TOKEN =
  /(\d{1,2}:\d{2})(?!\d)|(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d|,\d)|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\d|\.\d)|\d+(?:[.,]\d{1,2})?(?!\d)|\d+)|(\p{L}+)|([$%#+\-/])|([.,;:?!()])/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const { match: m } of findAll(text, TOKEN)) {
    const kind: TokenKind = m[1] ? 'time' : m[2] ? 'number' : m[3] ? 'word' : m[4] ? 'symbol' : 'punct';
    tokens.push({ text: m[0], kind, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** The value of a number token: "300,000" → 300000, "1.2" → 1.2, "1,5" → 1.5, "300.000" → 300000. */
export function numberValue(raw: string): number {
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(raw)) return Number(raw.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(raw)) return Number(raw.replace(/\./g, '').replace(',', '.'));
  return Number(raw.replace(',', '.'));
}

export function hasThousandsSeparators(raw: string): boolean {
  return /^\d{1,3}([,.]\d{3})+([.,]\d{1,2})?$/.test(raw);
}
