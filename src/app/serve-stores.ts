import { UserInputError } from '../core/errors.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import type { Db } from '../store/database.js';
import { PostgresInboundQueue } from '../store/postgres/inbound-queue.js';
import { PostgresRateLimiter } from '../store/postgres/rate-limiter.js';
import { SqliteInboundQueue } from '../store/sqlite/inbound-queue.js';
import { SqliteTurnReplies } from '../store/sqlite/turn-replies.js';

/** Replies already saved by a turn (the conversation port's `turnReply` once it has one). */
export interface TurnReplyLookup {
  turnReply(trackingId: string): Promise<{ reply: string; messages: string[] } | undefined>;
}

export interface ServeStores {
  queue: InboundQueue;
  turns: TurnReplyLookup;
  /** Set on PostgreSQL: one model limit for every replica. On SQLite serve keeps one in-process. */
  rateLimiter?: RateLimiter & { close(): Promise<void> };
}

/** The inbound queue and what the worker reads beside it, on the app's SQLite database. */
export function sqliteServeStores(db: Db, options: { leaseMs?: number } = {}): ServeStores {
  return { queue: new SqliteInboundQueue(db, options), turns: new SqliteTurnReplies(db) };
}

/**
 * The queue and the shared model rate limit on PostgreSQL. Turn replies still come from the
 * conversation store the app opened (`turns`), until conversations have their PostgreSQL
 * adapter too (the ports helper's store registry then passes its own).
 */
export async function postgresServeStores(options: {
  url: string;
  turns: TurnReplyLookup;
  leaseMs?: number;
  /** Model requests per minute for the whole fleet; 0 = no shared limit. */
  modelRpm: number;
}): Promise<ServeStores> {
  let queue: PostgresInboundQueue;
  try {
    queue = await PostgresInboundQueue.open({ connectionString: options.url, leaseMs: options.leaseMs });
  } catch (error) {
    // The URL is not repeated: it may hold a password.
    throw new UserInputError(`Cannot open the inbound queue on PostgreSQL: ${(error as Error).message}`, {
      hint: 'Check that the server in --queue-db (KAVAK_QUEUE_DB) is up and the user may create tables there.',
      cause: error,
    });
  }
  return {
    queue,
    turns: options.turns,
    rateLimiter:
      options.modelRpm > 0
        ? new PostgresRateLimiter({ connectionString: options.url, perMinute: options.modelRpm })
        : undefined,
  };
}
