/**
 * How keywords are matched: case- and accent-insensitive whole words, and numbers normalised
 * so "$6,371.06", "6,371.06" and "6371.06" are one token ("$313,999.00" = "313999").
 */

import { fold } from '../../tools/text/normalize.js';
import { findAll } from '../../tools/text/span.js';

/** "$313,999.00" → "313999", "6,371.06" → "6371.06", "1.50" → "1.5". */
export function normaliseNumber(raw: string): string {
  const plain = raw.replace(/[$\s,]/g, '');
  if (!plain.includes('.')) return plain;
  return plain.replace(/0+$/, '').replace(/\.$/, '');
}

// A thousands-grouped number, a plain number (with decimals), or a run of letters/digits.
const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[\p{L}\p{N}]+/gu;

/** Word and number tokens of a text, folded and normalised. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const { match } of findAll(fold(text), TOKEN)) {
    const token = match[0];
    tokens.push(/^\d/.test(token) ? normaliseNumber(token) : token);
  }
  return tokens;
}

/**
 * Whether `phrase` occurs in `text` as whole words (a multi-word phrase as consecutive words).
 * A phrase with no word in it (an emoji) is looked for as plain text.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  return phraseFinder(text)(phrase);
}

/**
 * `containsPhrase` for many phrases in one text: the text is tokenised once (a turn checks a
 * dozen keywords against one reply).
 */
export function phraseFinder(text: string): (phrase: string) => boolean {
  let haystack: string[] | undefined;
  let folded: string | undefined;
  return (phrase) => {
    const needle = tokenize(phrase);
    if (needle.length === 0) return (folded ??= fold(text)).includes(fold(phrase).trim());
    const words = (haystack ??= tokenize(text));
    for (let start = 0; start + needle.length <= words.length; start++) {
      if (needle.every((token, i) => words[start + i] === token)) return true;
    }
    return false;
  };
}
