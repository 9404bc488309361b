import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { z } from 'zod';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { postgresPoolConfig } from './pool.js';

const TokensSchema = z.object({ tokens: z.number() });

export interface PostgresRateLimiterOptions {
  connectionString: string;
  /** Requests per minute shared by every replica; 0 or less means no limit. */
  perMinute: number;
  /** How many may go at once after a quiet spell (default: one second's worth). */
  burst?: number;
  /** The bucket's row (one per model, say). */
  name?: string;
}

/**
 * One model rate limit for every replica: a token bucket in one row (model_rate_limit, see the
 * migrations). Each acquire takes a token in one atomic upsert that also refills by the time
 * elapsed; a bucket gone below zero means the caller waits until its token would have been
 * there (a reservation, so waiters are served in order, without polling the row).
 */
export class PostgresRateLimiter implements RateLimiter {
  private readonly pool: pg.Pool;
  private readonly perSecond: number;
  private readonly capacity: number;
  private readonly name: string;

  constructor(private readonly options: PostgresRateLimiterOptions) {
    this.pool = new pg.Pool(postgresPoolConfig(options.connectionString, 2));
    this.pool.on('error', () => undefined);
    this.perSecond = options.perMinute / 60;
    this.capacity = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 60));
    this.name = options.name ?? 'model';
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.options.perMinute <= 0) return;
    if (signal?.aborted) throw signal.reason as Error;
    const result = await this.pool.query(
      `INSERT INTO model_rate_limit AS bucket (name, tokens, updated_at) VALUES ($1, $2 - 1, clock_timestamp())
       ON CONFLICT (name) DO UPDATE SET
         tokens = LEAST($2, bucket.tokens + EXTRACT(EPOCH FROM clock_timestamp() - bucket.updated_at) * $3) - 1,
         updated_at = clock_timestamp()
       RETURNING tokens`,
      [this.name, this.capacity, this.perSecond],
    );
    const { tokens } = TokensSchema.parse(result.rows[0]);
    if (tokens >= 0) return;
    await delay((-tokens / this.perSecond) * 1000, undefined, { signal });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
