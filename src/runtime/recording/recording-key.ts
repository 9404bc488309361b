import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GenerateRequest } from '../../core/ports/language-model.js';
import { currentCallSlot } from './call-slot.js';
import type { RecordedRequest } from './recording-file.js';

export interface CallIdentity {
  /** The runtime that answers (or answered) the call, e.g. 'openai'. */
  runtime: string;
  /** The server, when not the runtime's default: one model name may mean another model elsewhere. */
  baseUrl?: string;
  model: string;
  task: string;
  request: RecordedRequest;
  /** --repeat index, absent for the first run (so keys of single runs stay as they were). */
  repetition?: number;
  /** Judge sample index, absent for the first sample. */
  sample?: number;
}

/** Who answers a call: the runtime kind, its server and its default model. */
export interface CallEndpoint {
  runtime: string;
  baseUrl?: string;
  /** For calls that name no model. */
  model: string;
}

/**
 * What a stored answer (recording or cache entry) is looked up by: the runtime and its server,
 * the model, the task, everything the model would see, and which repetition and sample it is.
 */
export function identifyCall(request: GenerateRequest, endpoint: CallEndpoint): CallIdentity {
  const recorded: RecordedRequest = {
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    output: request.output
      ? {
          name: request.output.name,
          jsonSchema: jsonSchemaOf(request.output.schema),
        }
      : undefined,
    temperature: request.temperature,
    maxOutputTokens: request.maxOutputTokens,
  };
  const { repetition, sample } = currentCallSlot();
  return {
    runtime: endpoint.runtime,
    ...(endpoint.baseUrl && { baseUrl: endpoint.baseUrl.replace(/\/+$/, '') }),
    model: request.model ?? endpoint.model,
    task: request.task.name,
    request: recorded,
    ...(repetition > 0 && { repetition }),
    ...(sample > 0 && { sample }),
  };
}

/** Converted once per schema object: a conversion costs ~2 ms, on every recorded call otherwise. */
const jsonSchemas = new WeakMap<z.ZodType, unknown>();

function jsonSchemaOf(schema: z.ZodType): unknown {
  let converted = jsonSchemas.get(schema);
  if (converted === undefined) {
    converted = z.toJSONSchema(schema, { unrepresentable: 'any' });
    jsonSchemas.set(schema, converted);
  }
  return converted;
}

export function recordingKey(call: CallIdentity): string {
  return createHash('sha256').update(canonicalCallJson(call)).digest('hex');
}

/**
 * `canonicalJson(call)`, with the output schema's part written once per schema: an intents call
 * carries an 8 KB JSON schema, and sorting its keys again on every lookup was most of the cost
 * of a cached eval's keys. The schema objects come from jsonSchemaOf, never mutated.
 */
function canonicalCallJson(call: CallIdentity): string {
  const output = call.request.output;
  const schema = output?.jsonSchema;
  if (!output || schema === null || typeof schema !== 'object') return canonicalJson(call);
  const text = canonicalJson({
    ...call,
    request: { ...call.request, output: { ...output, jsonSchema: SCHEMA_SLOT } },
  });
  const at = text.lastIndexOf(SCHEMA_SLOT_JSON);
  return `${text.slice(0, at)}${canonicalSchema(schema)}${text.slice(at + SCHEMA_SLOT_JSON.length)}`;
}

/** Stands in for the schema while the rest is written; random, so no message can contain it. */
const SCHEMA_SLOT = `kavak-schema-${randomUUID()}`;
const SCHEMA_SLOT_JSON = JSON.stringify(SCHEMA_SLOT);
const canonicalSchemas = new WeakMap<object, string>();

function canonicalSchema(schema: object): string {
  let text = canonicalSchemas.get(schema);
  if (text === undefined) {
    text = canonicalJson(schema);
    canonicalSchemas.set(schema, text);
  }
  return text;
}

/** JSON with sorted keys and no undefined members: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, member]) => [key, sortKeys(member)]),
    );
  }
  return value;
}
