/**
 * Permission to start one model call. One limit for every caller that shares it: eval's agent
 * and judges, serve's workers — and, on PostgreSQL, every replica (a token bucket row).
 */
export interface RateLimiter {
  /** Resolves when one more request may start; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
}
