import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { GenerateRequest } from '../../core/ports/language-model.js';
import type { RecordedRequest } from './recording-file.js';

export interface CallIdentity {
  /** The runtime that answers (or answered) the call, e.g. 'openai'. */
  runtime: string;
  model: string;
  task: string;
  request: RecordedRequest;
}

/** What a recording is looked up by: the runtime, model, task and everything the model would see. */
export function identifyCall(request: GenerateRequest, runtime: string, defaultModel: string): CallIdentity {
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
  return { runtime, model: request.model ?? defaultModel, task: request.task.name, request: recorded };
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
  return createHash('sha256').update(canonicalJson(call)).digest('hex');
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
