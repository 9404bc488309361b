import { chunkText } from './chunk-text.js';
import type { GenerateRequest, GenerateResult, LanguageModelRuntime, StreamPart } from '../core/ports/language-model.js';

/**
 * One scripted answer:
 * - a string → the model wrote this text;
 * - a partial result (an object with `text` or `object` and only GenerateResult keys) → merged
 *   over defaults; `{ object }` alone also fills `text` with its JSON, as a native parse would;
 * - any other object or array → the model wrote it as JSON text (`object` stays undefined, so
 *   core parses and validates the text as it would a real model's). To script an object whose
 *   keys look like a result (say `{ text: 'hola' }`), wrap it: `{ object: { text: 'hola' } }`;
 * - an Error → the call rejects with it (script a ModelCallError to test retries and fallbacks).
 */
export type ScriptedStep =
  string | Partial<GenerateResult> | Record<string, unknown> | readonly unknown[] | Error;

export type Script =
  | ScriptedStep
  | readonly ScriptedStep[]
  | ((request: GenerateRequest, callIndex: number) => ScriptedStep | Promise<ScriptedStep>);

export interface ScriptedRuntime extends LanguageModelRuntime {
  readonly id: 'scripted';
  /** Every request, in call order (generate and stream alike). */
  readonly calls: GenerateRequest[];
}

export interface ScriptedRuntimeOptions {
  model?: string;
}

const RESULT_KEYS = new Set(['text', 'object', 'usage', 'finishReason', 'model', 'warnings']);

/**
 * A runtime for tests, like the Vercel AI SDK's MockLanguageModel: answers from a script
 * (one value for every call, a list consumed in order, or a function of the request).
 */
export function createScriptedRuntime(script: Script, options: ScriptedRuntimeOptions = {}): ScriptedRuntime {
  const model = options.model ?? 'scripted-model';
  const calls: GenerateRequest[] = [];

  async function next(request: GenerateRequest): Promise<GenerateResult> {
    const callIndex = calls.length;
    calls.push(request);
    const step = await stepFor(script, request, callIndex);
    if (step instanceof Error) throw step;
    return toResult(step, request.model ?? model);
  }

  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const result = await next(request);
    for (const text of chunkText(result.text)) yield { type: 'text-delta', text };
    yield { type: 'finish', result };
  }

  return { id: 'scripted', model, calls, generate: next, stream };
}

async function stepFor(script: Script, request: GenerateRequest, callIndex: number): Promise<ScriptedStep> {
  if (typeof script === 'function') return await script(request, callIndex);
  if (!isStepList(script)) return script;
  const step = script[callIndex];
  if (step === undefined) {
    throw new Error(
      `The scripted runtime ran out of answers: call ${callIndex + 1} (task "${request.task.name}") but the script has ${script.length}.`,
    );
  }
  return step;
}

/** A top-level array is a list of answers; to script one JSON array answer, pass `[[...]]`. */
function isStepList(script: ScriptedStep | readonly ScriptedStep[]): script is readonly ScriptedStep[] {
  return Array.isArray(script);
}

function toResult(step: Exclude<ScriptedStep, Error>, model: string): GenerateResult {
  const base: GenerateResult = {
    text: '',
    usage: { inputTokens: 0, outputTokens: 0 },
    finishReason: 'stop',
    model,
    warnings: [],
  };
  if (typeof step === 'string') return { ...base, text: step };
  if (isPartialResult(step)) {
    const text = step.text ?? (step.object === undefined ? '' : JSON.stringify(step.object));
    return { ...base, ...step, text };
  }
  return { ...base, text: JSON.stringify(step) };
}

function isPartialResult(step: object): step is Partial<GenerateResult> {
  if (Array.isArray(step)) return false;
  const keys = Object.keys(step);
  return (keys.includes('text') || keys.includes('object')) && keys.every((key) => RESULT_KEYS.has(key));
}
