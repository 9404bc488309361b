/**
 * Characters no customer can read: what a broken encoding or a model's glitch leaves in a reply.
 * One definition, so every scorer (and anything else that checks a reply) agrees on it:
 *
 * - control: C0 controls except tab and newline (a carriage return only before a newline),
 *   DEL, and the C1 controls U+0080–U+009F;
 * - replacement: U+FFFD, the mark of bytes that were not valid UTF-8;
 * - lone-surrogate: half of a UTF-16 pair, which no font can draw;
 * - noncharacter: U+FFFE and U+FFFF;
 * - zero-width-run: two or more zero-width characters in a row (one joins an emoji sequence,
 *   a run is padding or garbage).
 */
const KINDS = {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  control: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/g,
  replacement: /\uFFFD/g,
  'lone-surrogate': /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
  noncharacter: /[\uFFFE\uFFFF]/g,
  'zero-width-run': /[\u200B-\u200D\u2060\uFEFF]{2,}/g,
} as const;

export type UnreadableKind = keyof typeof KINDS;

export interface UnreadableFinding {
  kind: UnreadableKind;
  /** Characters of this kind (for runs: every character in them). */
  count: number;
  /** Index of the first one, and its code point as U+XXXX. */
  firstIndex: number;
  firstCodePoint: string;
}

/** Label and what follows the plural "s". */
const LABELS: Record<UnreadableKind, [string, string]> = {
  control: ['control character', ''],
  replacement: ['U+FFFD replacement character', ''],
  'lone-surrogate': ['lone surrogate', ''],
  noncharacter: ['noncharacter', ''],
  'zero-width-run': ['zero-width character', ' in a row'],
};

/** Every kind of unreadable character in the text; empty when it is clean. */
export function findUnreadable(text: string): UnreadableFinding[] {
  return (Object.keys(KINDS) as UnreadableKind[]).flatMap((kind) => {
    const matches = [...text.matchAll(KINDS[kind])];
    const first = matches[0];
    if (!first) return [];
    return [
      {
        kind,
        count: matches.reduce((n, match) => n + match[0].length, 0),
        firstIndex: first.index,
        firstCodePoint: `U+${first[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
      },
    ];
  });
}

/** "3 control characters (first U+0000 at 12); 1 U+FFFD replacement character (…)". */
export function describeUnreadable(findings: readonly UnreadableFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.count} ${LABELS[f.kind][0]}${f.count === 1 ? '' : 's'}${LABELS[f.kind][1]} (first ${f.firstCodePoint} at ${f.firstIndex})`,
    )
    .join('; ');
}
