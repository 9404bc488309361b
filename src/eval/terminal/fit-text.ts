import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/** Display columns: ANSI codes count 0, CJK and emoji 2. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts `text` to `max` display columns, ending in an ellipsis when it had to cut. */
export function clipToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/**
 * Breaks prose at spaces so no line passes `width`; continuation lines get `indent`. A single
 * word longer than the line (a path) stays whole: cutting it would break copy and paste.
 */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() ? `${line} ${word}` : `${line}${word}`;
    if (line.trim() && displayWidth(candidate) > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

/**
 * Column widths (padding included) that fit the table in `width`: the widest text column gives
 * way first (its cells get an ellipsis) down to 16 characters, then the figures' headings (never
 * the figures, unless nothing else is left), then text again, so no line of the table wraps.
 */
export function fitColumnWidths(
  head: string[],
  rows: string[][],
  textColumns: (i: number) => boolean,
  width: number,
): number[] | undefined {
  const PADDING = 2;
  const body = head.map((_, i) => Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const widths = head.map((h, i) => Math.max(displayWidth(h), body[i]!) + PADDING);
  const borders = head.length + 1;
  const total = () => widths.reduce((a, b) => a + b, 0) + borders;
  if (total() <= width) return undefined;
  const textFloor = (floor: number) => (i: number) => (textColumns(i) ? floor : Infinity);
  const floors = [
    textFloor(16 + PADDING),
    (i: number) => (textColumns(i) ? Infinity : Math.max(body[i]!, 1) + PADDING),
    textFloor(6 + PADDING),
    () => 3,
  ];
  for (const floor of floors) {
    while (total() > width) {
      const widest = widestAbove(widths, floor);
      if (widest === -1) break;
      widths[widest]! -= 1;
    }
  }
  return widths;
}

function widestAbove(widths: number[], floor: (i: number) => number): number {
  let best = -1;
  widths.forEach((w, i) => {
    if (w > floor(i) && (best === -1 || w > widths[best]!)) best = i;
  });
  return best;
}
