import { ModelCallError } from '../../runtime/errors.js';
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
  StreamPart,
} from '../../core/ports/language-model.js';
import { sleep } from './sleep.js';

export interface RetrySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles on each retry, with jitter. */
  baseMs?: number;
  /** Longest single wait. */
  maxMs?: number;
  /** For tests: a random source in [0, 1). */
  random?: () => number;
}

/**
 * Retries a call that failed with a retryable ModelCallError (408/409/429/5xx, timeouts,
 * connection errors) with exponential backoff. The eval builds its runtimes with the SDK's own
 * retries off, so this is the one place that waits, and every attempt goes through the rate
 * limiter (the decorator below it) rather than slipping past it inside the SDK.
 */
export function withRetries(inner: LanguageModelRuntime, settings: RetrySettings): LanguageModelRuntime {
  const baseMs = settings.baseMs ?? 500;
  const maxMs = settings.maxMs ?? 20_000;
  const random = settings.random ?? Math.random;
  const backoffMs = (retry: number) => Math.min(maxMs, baseMs * 2 ** retry) * (0.5 + random() / 2);
  const shouldRetry = (error: unknown, retry: number, signal?: AbortSignal) =>
    retry < settings.retries && !signal?.aborted && ModelCallError.is(error) && error.isRetryable;

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    for (let retry = 0; ; retry++) {
      try {
        return await inner.generate(request);
      } catch (error) {
        if (!shouldRetry(error, retry, request.signal)) throw error;
        await sleep(backoffMs(retry), request.signal);
      }
    }
  }

  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    for (let retry = 0; ; retry++) {
      let started = false;
      try {
        for await (const part of inner.stream(request)) {
          started = true;
          yield part;
        }
        return;
      } catch (error) {
        // Once text reached the caller a retry would repeat it: only a stream that failed before its first part is retried.
        if (started || !shouldRetry(error, retry, request.signal)) throw error;
        await sleep(backoffMs(retry), request.signal);
      }
    }
  }

  return { id: inner.id, model: inner.model, generate, stream };
}
