/** A range of the normalised text, start inclusive, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function insideAny(position: number, spans: readonly Span[]): boolean {
  return spans.some((span) => position >= span.start && position < span.end);
}

/**
 * Every match of a regex source, as spans with the match text. The source is compiled with `g`.
 * `accept` rejects a match (a boundary the pattern leaves out); the scan then resumes one position on.
 * Use it rather than `matchAll` for hot regexes: `matchAll` clones its regex, and once a few GCs
 * have dropped the clone's source from V8's compilation cache every call compiles it again —
 * milliseconds for a `\p{L}` pattern. The copy kept here stays compiled.
 */
export function findAll(
  text: string,
  source: RegExp,
  accept?: (text: string, span: Span) => boolean,
): (Span & { match: RegExpExecArray })[] {
  const regex = globalCopy(source);
  regex.lastIndex = 0;
  const found: (Span & { match: RegExpExecArray })[] = [];
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (span.end === span.start || (accept && !accept(text, span))) {
      // As a lookaround in the pattern would: the scan goes on from the next position.
      regex.lastIndex = span.start + 1;
      continue;
    }
    found.push({ ...span, match });
  }
  return found;
}

/** One compiled global copy per source regex (findAll runs on every message, many times). */
const globalCopies = new WeakMap<RegExp, RegExp>();
function globalCopy(source: RegExp): RegExp {
  let copy = globalCopies.get(source);
  if (!copy) {
    copy = new RegExp(source.source, source.flags.includes('g') ? source.flags : `${source.flags}g`);
    globalCopies.set(source, copy);
  }
  return copy;
}
