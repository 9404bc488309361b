/**
 * OpenAI's documented rules for Structured Outputs with `strict: true` ("Supported schemas" in the
 * structured-outputs guide), as a checker. Two limit sets: the launch rules (Aug 2024), the
 * strictest and so the most portable, and the limits the guide gives today. Keywords are checked
 * against the launch list: the later additions (pattern, format, minimum, minItems …) are still
 * rejected by older deployments and fine-tuned models, and grammar engines ignore them.
 */

export interface StrictModeLimits {
  /** Object properties across the whole schema. */
  maxProperties: number;
  /** Nested objects and arrays, the root counting as level 1. */
  maxNesting: number;
  /** Characters of every property name, definition name, enum value and const value. */
  maxTotalStringLength: number;
  maxEnumValues: number;
  /** An enum with more values than this … */
  largeEnumSize: number;
  /** … may hold at most this many characters of string values. */
  maxLargeEnumStringLength: number;
}

export const LAUNCH_LIMITS: StrictModeLimits = {
  maxProperties: 100,
  maxNesting: 5,
  maxTotalStringLength: 15_000,
  maxEnumValues: 500,
  largeEnumSize: 250,
  maxLargeEnumStringLength: 7_500,
};

export const CURRENT_LIMITS: StrictModeLimits = {
  maxProperties: 5_000,
  maxNesting: 10,
  maxTotalStringLength: 120_000,
  maxEnumValues: 1_000,
  largeEnumSize: 250,
  maxLargeEnumStringLength: 15_000,
};

const SUPPORTED_TYPES = new Set(['string', 'number', 'boolean', 'integer', 'object', 'array', 'null']);

// Written out here, not imported from the emitter, so the checker does not trust what it checks.
// `$schema` is not in the guide, but the SDK's own zodResponseFormat sends it and OpenAI takes it.
const SUPPORTED_KEYWORDS = new Set([
  '$schema',
  'type',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'definitions',
]);

/** The keywords the guide names as unsupported in strict mode (launch rules). */
const UNSUPPORTED_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'allOf',
  'not',
  'dependentRequired',
  'dependentSchemas',
  'if',
  'then',
  'else',
]);

type Node = { [keyword: string]: unknown };

interface Totals {
  properties: number;
  enumValues: number;
  stringLength: number;
}

/** What one walk over a schema carries: the limits, the problems found and the running totals. */
interface Walk {
  limits: StrictModeLimits;
  problems: string[];
  totals: Totals;
}

/** Every rule the schema breaks, as readable lines (empty when it is accepted). */
export function strictModeProblems(schema: unknown, limits: StrictModeLimits = LAUNCH_LIMITS): string[] {
  const problems: string[] = [];
  const totals: Totals = { properties: 0, enumValues: 0, stringLength: 0 };
  const root = schema as Node;
  if (root.type !== 'object') problems.push('$: the root must be type "object"');
  if ('anyOf' in root) problems.push('$: the root must not be anyOf');
  visit(root, '$', 1, { limits, problems, totals });
  if (totals.properties > limits.maxProperties)
    problems.push(`$: ${totals.properties} object properties, the limit is ${limits.maxProperties}`);
  if (totals.enumValues > limits.maxEnumValues)
    problems.push(`$: ${totals.enumValues} enum values, the limit is ${limits.maxEnumValues}`);
  if (totals.stringLength > limits.maxTotalStringLength)
    problems.push(
      `$: ${totals.stringLength} characters of names and values, the limit is ${limits.maxTotalStringLength}`,
    );
  return problems;
}

function visit(node: Node, path: string, depth: number, walk: Walk): void {
  const { limits, problems, totals } = walk;
  for (const keyword of Object.keys(node)) {
    if (UNSUPPORTED_KEYWORDS.has(keyword)) problems.push(`${path}: "${keyword}" is not supported`);
    else if (!SUPPORTED_KEYWORDS.has(keyword))
      problems.push(`${path}: "${keyword}" is not a documented keyword`);
  }
  const types = Array.isArray(node.type)
    ? (node.type as unknown[])
    : node.type === undefined
      ? []
      : [node.type];
  for (const type of types) {
    if (typeof type !== 'string' || !SUPPORTED_TYPES.has(type))
      problems.push(`${path}: type ${String(type)} is not supported`);
  }
  if (
    types.length === 0 &&
    !('anyOf' in node) &&
    !('$ref' in node) &&
    !('enum' in node) &&
    !('const' in node)
  )
    problems.push(`${path}: every schema needs a type`);

  const isObject = types.includes('object');
  const isArray = types.includes('array');
  if ((isObject || isArray) && depth > limits.maxNesting)
    problems.push(`${path}: nesting level ${depth}, the limit is ${limits.maxNesting}`);

  if (isObject) checkObject(node, path, depth, walk);
  if (isArray && node.items && typeof node.items === 'object') {
    visit(node.items as Node, `${path}[]`, depth + 1, walk);
  }
  if (Array.isArray(node.anyOf)) {
    (node.anyOf as Node[]).forEach((branch, i) => visit(branch, `${path}.anyOf[${i}]`, depth, walk));
  }
  if (Array.isArray(node.enum)) checkEnum(node.enum as unknown[], path, walk);
  if (typeof node.const === 'string') totals.stringLength += node.const.length;
  for (const definitions of [node.$defs, node.definitions]) {
    if (!definitions || typeof definitions !== 'object') continue;
    for (const [name, definition] of Object.entries(definitions as Record<string, Node>)) {
      totals.stringLength += name.length;
      visit(definition, `${path}.$defs.${name}`, depth, walk);
    }
  }
}

function checkObject(node: Node, path: string, depth: number, walk: Walk): void {
  const { problems, totals } = walk;
  if (node.additionalProperties !== false) problems.push(`${path}: objects need additionalProperties: false`);
  const properties = (node.properties ?? {}) as Record<string, Node>;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  for (const [key, property] of Object.entries(properties)) {
    totals.properties += 1;
    totals.stringLength += key.length;
    if (!required.has(key)) problems.push(`${path}.${key}: every property must be required`);
    visit(property, `${path}.${key}`, depth + 1, walk);
  }
}

function checkEnum(values: unknown[], path: string, walk: Walk): void {
  const { limits, problems, totals } = walk;
  totals.enumValues += values.length;
  const stringLength = values.reduce<number>((sum, v) => sum + (typeof v === 'string' ? v.length : 0), 0);
  totals.stringLength += stringLength;
  if (values.length > limits.largeEnumSize && stringLength > limits.maxLargeEnumStringLength)
    problems.push(
      `${path}: an enum of ${values.length} values may hold ${limits.maxLargeEnumStringLength} characters`,
    );
}

/**
 * What grammar engines get wrong (llama.cpp, node-llama-cpp): an `anyOf` that a type array could
 * say. node-llama-cpp 3.x reads a node without `type` as "null", so `anyOf: [integer, null]`
 * allows only null.
 */
export function grammarPortabilityProblems(schema: unknown, path = '$'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Node;
  const problems: string[] = [];
  if (Array.isArray(node.anyOf)) {
    const scalarOnly = (node.anyOf as Node[]).every(
      (branch) => typeof branch.type === 'string' && !['object', 'array'].includes(branch.type),
    );
    if (scalarOnly) problems.push(`${path}: anyOf of scalars; use type: [T, "null"] (and enum: [..., null])`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'properties' && child && typeof child === 'object') {
      for (const [name, property] of Object.entries(child as Record<string, unknown>))
        problems.push(...grammarPortabilityProblems(property, `${path}.${name}`));
    } else if (key === 'items') problems.push(...grammarPortabilityProblems(child, `${path}[]`));
    else if (key === 'anyOf' && Array.isArray(child))
      child.forEach((branch, i) =>
        problems.push(...grammarPortabilityProblems(branch, `${path}.anyOf[${i}]`)),
      );
  }
  return problems;
}
