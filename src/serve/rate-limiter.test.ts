import { describe, expect, it } from 'vitest';
import { createScriptedRuntime } from '../runtime/scripted.js';
import { createRateLimiter, withRateLimit } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('lets a burst through, then spaces requests to the per-minute rate, in arrival order', async () => {
    const limiter = createRateLimiter({ perMinute: 1200, burst: 2 }); // one every 50 ms after the burst
    const started = performance.now();
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i))));
    const elapsed = performance.now() - started;
    expect(order).toEqual([0, 1, 2, 3]);
    expect(elapsed).toBeGreaterThanOrEqual(90); // two waits of ~50 ms (no upper bound: a busy machine is slower)
  });

  it('drops a waiter whose signal aborts, and does not limit at all with 0', async () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 1 });
    await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    expect(limiter.waiting).toBe(1);
    abort.abort(new Error('shutdown'));
    await expect(waiting).rejects.toThrow('shutdown');
    expect(limiter.waiting).toBe(0);

    const unlimited = createRateLimiter({ perMinute: 0 });
    await Promise.all(Array.from({ length: 100 }, () => unlimited.acquire()));
  });

  it('limits every model call of a runtime it wraps', async () => {
    const runtime = createScriptedRuntime('hola');
    const limited = withRateLimit(runtime, createRateLimiter({ perMinute: 600, burst: 1 })); // 100 ms apart
    const started = performance.now();
    for (let i = 0; i < 3; i++) await limited.generate({ task: { name: 'reply', input: {} }, messages: [] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(runtime.calls).toHaveLength(3);
    expect(limited.id).toBe('scripted');
  });
});
