import type { RateLimiter } from '../../runtime/with-rate-limit.js';
import { sleep } from './sleep.js';

export { withRateLimit, type RateLimiter } from '../../runtime/with-rate-limit.js';

export interface RateLimitSettings {
  /** Requests allowed to start in any window. */
  limit: number;
  /** Window length; 60,000 ms makes `limit` a requests-per-minute limit. */
  windowMs?: number;
}

/**
 * A sliding-window limiter shared by every runtime it decorates (agent and judge), so the
 * whole run stays under one requests-per-minute budget however many cases run at once.
 * Waiters are served in arrival order.
 */
export function createRateLimiter(settings: RateLimitSettings): RateLimiter {
  if (!Number.isInteger(settings.limit) || settings.limit < 1) {
    throw new RangeError(`A rate limit must be a whole number ≥ 1 (got ${settings.limit}).`);
  }
  const windowMs = settings.windowMs ?? 60_000;
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = performance.now();
      while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
      if (starts.length < settings.limit) {
        starts.push(now);
        return;
      }
      await sleep(starts[0]! + windowMs - now + 1, signal);
    }
  }

  return {
    acquire(signal) {
      const turn = queue.then(() => waitForSlot(signal));
      // One waiter's abort must not block the ones behind it.
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
