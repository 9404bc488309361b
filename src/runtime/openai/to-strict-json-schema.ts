import { z } from 'zod';

/** A JSON schema node as sent on the wire. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * The keywords the wire schema keeps. Value constraints (minimum, maxLength, minItems, format …)
 * are dropped on purpose: OpenAI's strict mode rejected them at launch, llama.cpp's converter
 * ignores number bounds and turns integer bounds into huge digit grammars. zod checks every range
 * when the answer is parsed (here and again in core's generateStructured), so nothing is lost.
 */
const KEPT_KEYWORDS = new Set([
  'type',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
]);

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

export class UnportableSchemaError extends Error {
  constructor(path: string, problem: string) {
    super(`The structured-output schema cannot be sent in strict mode: ${path}: ${problem}`);
    this.name = 'UnportableSchemaError';
  }
}

/**
 * The most portable JSON schema for a zod schema: what OpenAI's strict mode accepts and what
 * grammar engines (llama.cpp, node-llama-cpp) compile faithfully. Every object closed and fully
 * required; a nullable scalar is `type: [T, "null"]` and a nullable enum also lists `null` in its
 * `enum`, because some converters read `anyOf` as "always null".
 */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const cached = strictSchemas.get(schema);
  if (cached) return cached;
  const strict = buildStrictJsonSchema(schema);
  strictSchemas.set(schema, strict);
  return strict;
}

/** Built once per schema: converting the intents schema took ~2 ms of CPU on every model call. */
const strictSchemas = new WeakMap<z.ZodType, JsonSchema>();

function buildStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const draft = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
  const root = toStrictNode(draft, '$');
  if (root.type !== 'object') throw new UnportableSchemaError('$', 'the root must be an object');
  return root;
}

function toStrictNode(node: JsonSchema, path: string): JsonSchema {
  if (Array.isArray(node.anyOf)) {
    const branches = node.anyOf.map((branch: JsonSchema, i) => toStrictNode(branch, `${path}.anyOf[${i}]`));
    const merged = mergeScalarUnion(branches);
    return withDescription(merged ?? { anyOf: branches }, node);
  }
  if ('$ref' in node || 'allOf' in node || 'oneOf' in node || 'not' in node) {
    throw new UnportableSchemaError(path, 'use plain objects, arrays, scalars and nullable scalars');
  }

  const strict: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (KEPT_KEYWORDS.has(keyword)) strict[keyword] = value;
  }
  if (strict.type === 'object') closeObject(strict, path);
  if (strict.type === 'array' && strict.items && typeof strict.items === 'object') {
    strict.items = toStrictNode(strict.items as JsonSchema, `${path}[]`);
  }
  return strict;
}

function closeObject(object: JsonSchema, path: string): void {
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const keys = Object.keys(properties);
  const required = new Set((object.required ?? []) as string[]);
  const optional = keys.filter((key) => !required.has(key));
  if (optional.length > 0) {
    throw new UnportableSchemaError(
      path,
      `${optional.join(', ')} must be present in every answer: use .nullable() instead of .optional()`,
    );
  }
  object.properties = Object.fromEntries(
    keys.map((key) => [key, toStrictNode(properties[key] ?? {}, `${path}.${key}`)]),
  );
  object.required = keys;
  object.additionalProperties = false;
}

/** `anyOf` of scalars and enums → one node with a type array (and `null` in the enum if nullable). */
function mergeScalarUnion(branches: JsonSchema[]): JsonSchema | undefined {
  if (!branches.every(isPlainScalar)) return undefined;
  const types = [...new Set(branches.flatMap(typesOf))];
  const type = types.length === 1 ? types[0] : types;
  const valued = branches.filter((branch) => !typesOf(branch).every((t) => t === 'null'));
  const enums = valued.filter((branch) => Array.isArray(branch.enum));
  if (enums.length === 0) return { type };
  // A free scalar beside an enum (string | 'a' | 'b') is no single enum: keep the anyOf.
  if (enums.length < valued.length) return undefined;
  const values = enums.flatMap((branch) => branch.enum as unknown[]);
  return { type, enum: types.includes('null') ? [...values, null] : values };
}

function typesOf(node: JsonSchema): unknown[] {
  return Array.isArray(node.type) ? (node.type as unknown[]) : [node.type];
}

function isPlainScalar(node: JsonSchema): boolean {
  const onlyTypeAndValues = Object.keys(node).every(
    (k) => k === 'type' || k === 'enum' || k === 'description',
  );
  return onlyTypeAndValues && typesOf(node).every((t) => typeof t === 'string' && SCALAR_TYPES.has(t));
}

function withDescription(merged: JsonSchema, original: JsonSchema): JsonSchema {
  return typeof original.description === 'string' ? { ...merged, description: original.description } : merged;
}

/** What `response_format` carries for a structured call. */
export function strictResponseFormat(name: string, schema: z.ZodType) {
  return {
    type: 'json_schema' as const,
    json_schema: { name, strict: true, schema: toStrictJsonSchema(schema) },
  };
}

/** Parses a structured answer with the full zod schema: the ranges the wire schema left out are checked here. */
export function zodContentParser(schema: z.ZodType) {
  return {
    $parseRaw(content: string): unknown {
      return schema.parse(JSON.parse(content));
    },
  };
}
