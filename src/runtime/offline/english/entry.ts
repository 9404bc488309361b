/** One sentence template: the Spanish pattern and its English, slots ($1…) carried over untouched. */
export type Entry = readonly [spanish: RegExp, english: string];

const MONEY = String.raw`\$[\d,.]+`;

/** A template's pattern with `{money}` standing for a formatted amount ("$222,999.00"). */
export function template(source: string, flags = 'g'): RegExp {
  return new RegExp(source.replaceAll('{money}', `(${MONEY})`), flags);
}
