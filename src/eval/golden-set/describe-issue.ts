import { z } from 'zod';

import { editDistance } from '../../tools/text/edit-distance.js';

type Segment = PropertyKey;

/** The object schemas a value at `path` may be checked against (several under a union). */
function schemasAt(schema: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return schemasAt(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodUnion)
    return (schema.options as z.ZodType[]).flatMap((option) => schemasAt(option, path));
  const [head, ...rest] = path;
  if (head === undefined) return [schema];
  if (schema instanceof z.ZodArray && typeof head === 'number')
    return schemasAt(schema.element as z.ZodType, rest);
  if (schema instanceof z.ZodObject && typeof head === 'string') {
    const field = (schema.shape as Record<string, z.ZodType | undefined>)[head];
    return field ? schemasAt(field, rest) : [];
  }
  return [];
}

/** Keys an object at `path` may have, for "unknown key" messages. */
export function allowedKeysAt(root: z.ZodType, path: readonly Segment[]): string[] {
  const keys = schemasAt(root, path).flatMap((schema) =>
    schema instanceof z.ZodObject ? Object.keys(schema.shape) : [],
  );
  return [...new Set(keys)];
}

function closest(word: string, options: readonly string[]): string | undefined {
  const scored = options.map((option) => ({
    option,
    d: editDistance(word.toLowerCase(), option.toLowerCase()),
  }));
  const best = scored.sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.option : undefined;
}

/**
 * A zod issue in words a golden-set author can act on: missing fields, unknown keys with the
 * allowed ones (and a likely typo fix), enum values listed.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType, received?: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(root, issue.path);
    return issue.keys
      .map((key) => {
        const guess = closest(key, allowed);
        const suggestion = guess ? `did you mean "${guess}"? ` : '';
        return `unknown key "${key}" (${suggestion}allowed: ${allowed.join(', ')})`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return `required, missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((value) => String(value));
    const guess = typeof received === 'string' ? closest(received, options) : undefined;
    const got = received === undefined ? '' : `${JSON.stringify(received)} is not allowed; `;
    return `${got}${guess ? `did you mean "${guess}"? ` : ''}must be one of ${options.join(', ')}`;
  }
  return issue.message;
}

/** ["turns", 1, "expect", "intents", 0] → "turns[1].expect.intents[0]" */
export function formatPath(path: readonly Segment[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
