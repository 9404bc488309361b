import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * A prompt's front matter as YAML would read it. Front matter is a few `key: value` lines, so
 * those are read here and the YAML parser (~60 ms of `kavak ask`'s start-up) is loaded only for
 * anything else: quotes, lists, nesting, booleans, exotic numbers.
 */
export function parseFrontMatter(text: string): unknown {
  return flatFrontMatter(text) ?? (createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text);
}

const LINE = /^([A-Za-z_]\w*):[ \t]+(.*?)[ \t]*$/;
const COMMENT = /^[ \t]*(#.*)?$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
/** Plain scalars that YAML's core schema reads as something else than the text. */
const NOT_PLAIN_TEXT = /^(~|null|true|false|[-+]?\.inf|\.nan)$/i;
/** Starts a quote, a flow collection, an alias, a tag, a block scalar…, or looks like a number. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`+.\d]/;

/** `key: value` lines of decimals and plain text, with comments; undefined when YAML must decide. */
function flatFrontMatter(text: string): Record<string, string | number> | undefined {
  const result: Record<string, string | number> = {};
  for (const line of text.split('\n')) {
    if (COMMENT.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const [, key, raw] = match as unknown as [string, string, string];
    const value = raw.replace(/[ \t]+#.*$/, '');
    if (Object.hasOwn(result, key) || value === '') return undefined;
    if (DECIMAL.test(value)) {
      result[key] = Number(value);
      continue;
    }
    if (INDICATOR_START.test(value) || NOT_PLAIN_TEXT.test(value) || /:[ \t]|:$|\t/.test(value))
      return undefined;
    result[key] = value;
  }
  return result;
}
