import type { GenerateRequest, LanguageModelRuntime, StreamPart } from '../../core/ports/language-model.js';
import { openAIKey, type OpenAIRuntimeSettings } from './openai-settings.js';

/**
 * The OpenAI runtime, with the SDK (~150 modules) imported on the first call rather than at
 * start-up: `kavak ask` on the offline runtime never pays for it. A missing key still fails here.
 */
export function createLazyOpenAIRuntime(settings: OpenAIRuntimeSettings): LanguageModelRuntime {
  openAIKey(settings);
  let runtime: Promise<LanguageModelRuntime> | undefined;
  const load = () =>
    (runtime ??= import('./openai-runtime.js').then((module) => module.createOpenAIRuntime(settings)));
  return {
    id: 'openai',
    model: settings.model,
    generate: async (request: GenerateRequest) => (await load()).generate(request),
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      yield* (await load()).stream(request);
    },
  };
}
