import type OpenAI from 'openai';

type TokenLimit = Pick<
  OpenAI.Chat.Completions.ChatCompletionCreateParams,
  'max_tokens' | 'max_completion_tokens'
>;

/**
 * Reasoning models spend hidden reasoning tokens out of `max_completion_tokens`: a budget sized
 * for the visible answer alone would be used up thinking and come back empty, cut off. They get
 * this much on top (OpenAI's guide suggests reserving far more when exploring; tasks here are short).
 */
export const REASONING_ALLOWANCE_TOKENS = 8_000;

/**
 * The request field for a token budget, one field and never both. api.openai.com gets
 * `max_completion_tokens`: the current name, the only one its reasoning models accept
 * (`max_tokens` is deprecated there). Other servers get `max_tokens`, the name llama.cpp, vLLM
 * and Ollama all honour (Ollama's OpenAI layer ignores `max_completion_tokens`), unless the
 * model is a reasoning one (`isReasoningModel`), as behind an OpenAI proxy or Azure.
 */
export function tokenLimitParam(
  budget: number,
  server: { reasoning: boolean; openAIPlatform: boolean },
): TokenLimit {
  if (server.reasoning) return { max_completion_tokens: budget + REASONING_ALLOWANCE_TOKENS };
  return server.openAIPlatform ? { max_completion_tokens: budget } : { max_tokens: budget };
}

/** True for OpenAI's own API (no base URL, or one on api.openai.com). */
export function isOpenAIPlatform(baseURL: string | undefined): boolean {
  if (!baseURL) return true;
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
