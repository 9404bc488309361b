import type { RateLimiter as SlotLimiter } from '../runtime/with-rate-limit.js';

export { withRateLimit } from '../runtime/with-rate-limit.js';

export interface RateLimiter extends SlotLimiter {
  /** Callers waiting for a slot. */
  readonly waiting: number;
}

export interface RateLimiterOptions {
  /** Requests per minute shared by every worker; 0 or less means no limit. */
  perMinute: number;
  /** How many requests may go at once after a quiet spell (default: one second's worth). */
  burst?: number;
  now?: () => number;
}

/**
 * A token bucket shared by all workers, so the model sees at most `perMinute` requests a
 * minute however many customers write at once. Waiters are served in arrival order.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (options.perMinute <= 0) return { acquire: () => Promise.resolve(), waiting: 0 };
  const now = options.now ?? (() => performance.now());
  const perMs = options.perMinute / 60_000;
  const capacity = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 60));
  let tokens = capacity;
  let last = now();
  const queue: {
    resolve: () => void;
    reject: (reason: unknown) => void;
    signal?: AbortSignal;
    onAbort: () => void;
  }[] = [];
  let timer: NodeJS.Timeout | undefined;

  const refill = () => {
    const at = now();
    tokens = Math.min(capacity, tokens + (at - last) * perMs);
    last = at;
  };

  const serve = () => {
    timer = undefined;
    refill();
    while (queue.length > 0 && tokens >= 1) {
      tokens -= 1;
      const waiter = queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (queue.length > 0) timer = setTimeout(serve, Math.ceil((1 - tokens) / perMs));
  };

  return {
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            reject(signal?.reason as Error);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        if (!timer) serve();
      });
    },
  };
}
