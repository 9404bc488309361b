/**
 * The one way Spanish text is folded for matching, used by the NLU, the catalog, the knowledge
 * base and the scorers. ñ folds to n on purpose: customers type "ano" and "pequeno" on phones
 * without the tilde, and "año" must meet them.
 */

/** Lowercase, without accents or diacritics ("Querétaro" → "queretaro", "Año" → "ano"). */
export function fold(text: string): string {
  // Most messages are plain ASCII: nothing to decompose.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
// eslint-disable-next-line no-control-regex -- "only ASCII" includes the control characters
const ASCII = /^[\x00-\x7f]*$/;

/** Folded, anything but a–z and digits as one space: "Mercedes-Benz" → "mercedes benz", "CX5" stays "cx5". */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** foldWords without spaces, the key names are indexed by: "CX-5" → "cx5", "Clase A" → "clasea". */
export function compactKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Folded one character for one (after NFC), so positions found in the folded text point at the
 * same characters of the original. A lone combining mark becomes a space; a character whose
 * fold has another length (an emoji) is kept as written.
 */
export function foldKeepingPositions(text: string): string {
  // ASCII folds one for one by lowercasing (the loop below would give the same).
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    let same = foldedChars.get(ch);
    if (same === undefined) {
      const folded = fold(ch);
      same = folded.length === ch.length ? folded : ch.length === 1 ? (folded[0] ?? ' ') : ch;
      if (foldedChars.size < 10_000) foldedChars.set(ch, same);
    }
    out += same;
  }
  return out;
}
/** Characters seen so far, folded (a message has few distinct ones). */
const foldedChars = new Map<string, string>();
