import type { GenerateRequest, LanguageModelRuntime, StreamPart } from '../core/ports/language-model.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';

export type { RateLimiter };

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
