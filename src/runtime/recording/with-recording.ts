import type { GenerateRequest, GenerateResult, LanguageModelRuntime, StreamPart } from '../../core/ports/language-model.js';
import { writeRecording } from './recording-file.js';
import { identifyCall, recordingKey } from './recording-key.js';

/**
 * Wraps any runtime and writes each successful call to `<dir>/<task>-<hash>.json`, so a run can
 * be replayed later without a model. Calls that fail are not recorded. The runtime looks the
 * same as the one it wraps (same id and model); nothing secret is written, only the request
 * as the model saw it and the result.
 */
export function withRecording(inner: LanguageModelRuntime, dir: string): LanguageModelRuntime {
  async function record(request: GenerateRequest, result: GenerateResult): Promise<void> {
    const call = identifyCall(request, inner.id, inner.model);
    await writeRecording(dir, { key: recordingKey(call), ...call, result });
  }

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const result = await inner.generate(request);
    await record(request, result);
    return result;
  }

  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    for await (const part of inner.stream(request)) {
      if (part.type === 'finish') await record(request, part.result);
      yield part;
    }
  }

  return { id: inner.id, model: inner.model, generate, stream };
}
