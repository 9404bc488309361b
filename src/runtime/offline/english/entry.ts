/** One sentence template: the Spanish pattern and its English, slots ($1…) carried over untouched. */
export type Entry = readonly [spanish: RegExp, english: string];

const MONEY = String.raw`\$[\d,.]+`;

/** A template's pattern with `{money}` standing for a formatted amount ("$222,999.00"). */
export function template(source: string, flags = 'g'): RegExp {
  return new RegExp(source.replaceAll('{money}', `(${MONEY})`), flags);
}

const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const QUANTIFIERS = new Set(['?', '*', '+', '{']);

/**
 * Text every match of `pattern` starts with ("¡Hola" for /¡Hola(,? [^!]*)?!/), lowercased for
 * an `i` pattern; '' when there is none (a leading group or class, a top-level `|`). A text
 * without it cannot match, so the phrasebook skips the pattern: an English reply runs ~140 of
 * them over each paragraph, and a few apply.
 */
export function literalPrefix(pattern: RegExp): string {
  const source = pattern.source;
  if (hasTopLevelAlternation(source)) return '';
  let at = source.startsWith('^') ? 1 : 0;
  let prefix = '';
  while (at < source.length && !SPECIAL.has(source[at]!)) prefix += source[at++];
  // "abc?" makes the c optional: it is not part of what every match starts with.
  if (prefix.length > 0 && QUANTIFIERS.has(source[at] ?? '')) prefix = prefix.slice(0, -1);
  return pattern.flags.includes('i') ? prefix.toLowerCase() : prefix;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}
