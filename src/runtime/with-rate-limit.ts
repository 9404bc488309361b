import type { GenerateRequest, LanguageModelRuntime, StreamPart } from '../core/ports/language-model.js';

/** Anything that hands out permission to start one model call. */
export interface RateLimiter {
  /** Resolves when one more request may start; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * The same runtime, each call (generate or stream) first taking a slot from the limiter. Eval
 * shares one limiter between agent and judge runtimes; serve shares one between its workers.
 */
export function withRateLimit(inner: LanguageModelRuntime, limiter: RateLimiter): LanguageModelRuntime {
  return {
    id: inner.id,
    model: inner.model,
    async generate(request: GenerateRequest) {
      await limiter.acquire(request.signal);
      return inner.generate(request);
    },
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      await limiter.acquire(request.signal);
      yield* inner.stream(request);
    },
  };
}
