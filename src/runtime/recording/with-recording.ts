import type {
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
  StreamPart,
} from '../../core/ports/language-model.js';
import { identifyCall, type CallEndpoint } from './recording-key.js';
import { storeAnswer } from './response-store.js';

/**
 * Wraps any runtime and writes each successful call to `<dir>/<task>-<hash>.json`, so a run can
 * be replayed later without a model. Calls that fail are not recorded. The runtime looks the
 * same as the one it wraps (same id and model); nothing secret is written, only the request
 * as the model saw it and the result.
 */
export function withRecording(
  inner: LanguageModelRuntime,
  dir: string,
  server: Pick<CallEndpoint, 'baseUrl'> = {},
): LanguageModelRuntime {
  const endpoint: CallEndpoint = { runtime: inner.id, model: inner.model, baseUrl: server.baseUrl };
  async function record(request: GenerateRequest, result: GenerateResult): Promise<void> {
    await storeAnswer(dir, identifyCall(request, endpoint), result);
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
