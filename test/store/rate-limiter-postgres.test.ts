import { afterEach, expect, it } from 'vitest';
import { PostgresRateLimiter } from '../../src/store/postgres/rate-limiter.js';
import { describeWithPostgres, freshMigratedSchema } from '../support/pg-url.js';

describeWithPostgres('the model rate limit on PostgreSQL', (url) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const migratedSchema = async () => {
    const schema = await freshMigratedSchema(url);
    cleanups.push(() => schema.drop());
    return schema;
  };

  it('is one limit for every replica: two limiters on one database never exceed it together', async () => {
    const schema = await migratedSchema();
    // 300 a minute = 5 a second, burst 1; replicas a and b each want 8 at once.
    const replicas = ['a', 'b'].map(
      () => new PostgresRateLimiter({ connectionString: schema.url, perMinute: 300, burst: 1 }),
    );
    for (const limiter of replicas) cleanups.push(() => limiter.close());
    const started = performance.now();
    const granted: number[] = [];
    await Promise.all(
      replicas.flatMap((limiter) =>
        Array.from({ length: 8 }, () =>
          limiter.acquire().then(() => granted.push(performance.now() - started)),
        ),
      ),
    );
    granted.sort((x, y) => x - y);
    // 16 grants at 5 a second after a burst of 1 take at least 3 s, however fast the machine;
    // each replica alone would have let its 8 through in 1.4 s.
    expect(granted.at(-1)!).toBeGreaterThanOrEqual(2_900);
  });

  it('gives up waiting when the signal aborts', async () => {
    const schema = await migratedSchema();
    const limiter = new PostgresRateLimiter({ connectionString: schema.url, perMinute: 6, burst: 1 });
    cleanups.push(() => limiter.close());
    await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    abort.abort(new Error('shutdown'));
    await expect(waiting).rejects.toThrow();
  });
});
