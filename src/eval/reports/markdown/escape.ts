/**
 * Markdown escaping for text that comes from the agent or the customer. A reply can hold
 * anything (HTML, pipes, "# headers" the WhatsApp scorer rejects): in a PR comment it must
 * show as written, not restyle or break the page around it.
 */

/** Inline text: HTML neutralised, pipes escaped (safe inside tables), newlines kept. */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`');
}

/** One table cell: like mdText, on a single line. */
export function mdCell(text: string): string {
  return mdText(text).replace(/\r?\n/g, ' ');
}

/** Code span for ids and file names; a backtick in the value widens the fence. */
export function mdCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\r?\n/g, ' ')}${fence}`;
}

/**
 * A blockquote of several lines. Lines that markdown would turn into headers, rules or
 * setext underlines are escaped so the text reads as the customer would see it.
 */
export function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const safe = mdText(line)
        .replace(/^(\s*)(#{1,6})(\s|$)/, '$1\\$2$3')
        .replace(/^(\s*)([-=*_])(\s*\2){2,}\s*$/, (m) => `\\${m.trimStart()}`);
      return safe.trim() === '' ? '>' : `> ${safe}`;
    })
    .join('\n');
}

/** Cuts long text at a word boundary with a note, so one reply cannot flood a PR comment. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const kept = (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
  return `${kept}… (${text.length - kept.length} more characters)`;
}
