import { ConfigError } from '../../support/errors.js';

export interface OpenAIRuntimeSettings {
  /** Required for api.openai.com; optional with a baseURL (Ollama, llama.cpp need none). */
  apiKey?: string;
  /** An OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. Default: api.openai.com. */
  baseURL?: string;
  model: string;
  /** Per attempt. Default: the SDK's (10 minutes). */
  timeoutMs?: number;
  /** Retries on 408/409/429/5xx, timeouts and connection errors, with backoff that honours Retry-After. Default 2. */
  maxRetries?: number;
  /** For tests and proxies. */
  fetch?: typeof fetch;
}

/** The API key to send, or undefined for a local server; no key and no base URL is a user error. */
export function openAIKey(settings: Pick<OpenAIRuntimeSettings, 'apiKey' | 'baseURL'>): string | undefined {
  const apiKey = settings.apiKey?.trim() || undefined;
  if (!apiKey && !settings.baseURL) {
    throw new ConfigError('The openai runtime needs an API key.', {
      hint: 'Set OPENAI_API_KEY or use --runtime offline (or --base-url for a local OpenAI-compatible server).',
    });
  }
  return apiKey;
}
