import OpenAI from 'openai';
import { abortScope } from '../abort-scope.js';
import type { GenerateRequest, GenerateResult, LanguageModelRuntime, StreamPart } from '../../core/ports/language-model.js';
import { buildChatParams } from './build-chat-params.js';
import { createBufferedFetch } from './buffered-fetch.js';
import { mapOpenAIError } from './map-openai-error.js';
import { completionParts, toGenerateResult } from './read-completion.js';
import { isOpenAIPlatform } from './token-limit.js';
import { openAIKey, type OpenAIRuntimeSettings } from './openai-settings.js';

export type { OpenAIRuntimeSettings };

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers ignore the key, but the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed';

/** The OpenAI runtime: Chat Completions through the official SDK, which also does the retries. */
export function createOpenAIRuntime(settings: OpenAIRuntimeSettings): LanguageModelRuntime {
  const apiKey = openAIKey(settings);
  const client = new OpenAI({
    apiKey: apiKey ?? PLACEHOLDER_KEY,
    // Explicit, so the SDK does not read OPENAI_BASE_URL behind the config's back.
    baseURL: settings.baseURL ?? OPENAI_BASE_URL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    fetch: settings.fetch ?? createBufferedFetch(),
  });
  // Streamed answers need a body read as it comes: the global fetch's.
  const streamingClient = settings.fetch ? client : client.withOptions({ fetch: globalThis.fetch });
  const openAIPlatform = isOpenAIPlatform(settings.baseURL);
  const errorContext = (model: string) => ({
    url: `${client.baseURL.replace(/\/+$/, '')}/chat/completions`,
    model,
    apiKey: apiKey ?? '',
  });

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const model = request.model ?? settings.model;
    const { params, parser, warnings } = buildChatParams(request, model, openAIPlatform);
    // Each call gets its own signal: the SDK never removes the listener it adds to it.
    const call = abortScope(request.signal);
    try {
      const completion = await client.chat.completions.create(
        { ...params, stream: false },
        { signal: call.signal },
      );
      return toGenerateResult(completionParts(completion, model), parser, warnings);
    } catch (error) {
      throw mapOpenAIError(error, errorContext(model));
    } finally {
      call.dispose();
    }
  }

  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const model = request.model ?? settings.model;
    const { params, parser, warnings } = buildChatParams(request, model, openAIPlatform);
    let text = '';
    let finishReason: string | null | undefined;
    let refusal = '';
    let usage: OpenAI.Completions.CompletionUsage | null | undefined;
    let answeredBy = model;
    const call = abortScope(request.signal);
    try {
      const chunks = await streamingClient.chat.completions.create(
        { ...params, stream: true, stream_options: { include_usage: true } },
        { signal: call.signal },
      );
      for await (const chunk of chunks) {
        if (chunk.model) answeredBy = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        if (choice.delta.refusal) refusal += choice.delta.refusal;
        const delta = choice.delta.content;
        if (delta) {
          text += delta;
          yield { type: 'text-delta', text: delta };
        }
      }
    } catch (error) {
      throw mapOpenAIError(error, errorContext(model));
    } finally {
      call.dispose();
    }
    const parts = { text, refusal: refusal || undefined, finishReason, usage, model: answeredBy };
    yield { type: 'finish', result: toGenerateResult(parts, parser, warnings) };
  }

  return { id: 'openai', model: settings.model, generate, stream };
}
