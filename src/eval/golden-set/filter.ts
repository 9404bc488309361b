import { GoldenSetError } from './errors.js';
import type { GoldenCase } from './schema.js';

type Filterable = Pick<GoldenCase, 'id' | 'tags'> & { title?: string };
export type CaseFilter = (goldenCase: Filterable) => boolean;

const FILTER_HINT =
  'A filter is a case id, a tag ("tag:memory" or just "memory"), a regex ("/^cars-/" or "/versa/i") or several of them separated by commas.';

function regexOf(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new GoldenSetError(
      [
        {
          file: '--filter',
          path: '',
          message: `"/${source}/${flags}" is not a valid regex: ${(error as Error).message}`,
        },
      ],
      {
        summary: 'The filter does not parse:',
        hint: FILTER_HINT,
      },
    );
  }
}

/** One alternative: "/re/flags" (id, title or a tag), "tag:x", "id:x", or a word (an id or a tag). */
function parseOne(term: string): CaseFilter {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(term);
  if (regex) {
    const re = regexOf(regex[1]!, regex[2]!);
    return (c) =>
      re.test(c.id) || (c.title !== undefined && re.test(c.title)) || c.tags.some((tag) => re.test(tag));
  }
  if (term.startsWith('tag:')) {
    const tag = term.slice('tag:'.length);
    return (c) => c.tags.includes(tag);
  }
  if (term.startsWith('id:')) {
    const id = term.slice('id:'.length);
    return (c) => c.id === id;
  }
  return (c) => c.id === term || c.tags.includes(term);
}

/**
 * A --filter expression as a predicate. Alternatives are separated by commas (a case matching any
 * one is kept), except in a regex, which is always the whole filter ("/a|b/" for alternatives).
 * Throws GoldenSetError on a bad regex.
 */
export function parseFilter(filter: string): CaseFilter {
  const whole = filter.trim();
  const terms = (/^\/.+\/[a-z]*$/.test(whole) ? [whole] : whole.split(','))
    .map((term) => term.trim())
    .filter((term) => term !== '');
  if (terms.length === 0) return () => true;
  const predicates = terms.map(parseOne);
  return (c) => predicates.some((matches) => matches(c));
}

/** Whether a case is selected by a --filter expression (see parseFilter). */
export function matchesFilter(goldenCase: Filterable, filter: string): boolean {
  return parseFilter(filter)(goldenCase);
}

export { FILTER_HINT };
