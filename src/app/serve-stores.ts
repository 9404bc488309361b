import type { ConversationStore } from '../core/ports/conversations.js';
import { UserInputError } from '../support/errors.js';
import type { Logger } from '../support/logger.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { SqliteInboundQueue } from '../store/sqlite/inbound-queue.js';
import type { Storage } from './stores.js';

export interface ServeStores {
  queue: InboundQueue;
  /** The reply a turn already saved to conversation memory (a crash after the turn, before the send). */
  turns: Pick<ConversationStore, 'turnReply'>;
  /** Set on PostgreSQL: one model limit for every replica. On SQLite serve keeps one in-process. */
  rateLimiter?: RateLimiter & { close(): Promise<void> };
}

export interface ServeStoreOptions {
  /** The app's database (`--db`): its kind picks the queue's adapter. */
  db: string;
  storage: Storage;
  conversations: ConversationStore;
  /** The queue on another PostgreSQL than the conversations (`--queue-db`); default: `--db`. */
  queueDb?: string;
  leaseMs?: number;
  /** How long the webhook's store may wait (a lock, a restart) before it gives up: 503. */
  ackTimeoutMs?: number;
  /** Model requests per minute for the whole fleet on PostgreSQL; 0 = no shared limit. */
  modelRpm: number;
  logger?: Logger;
}

/**
 * The inbound queue beside the conversations: on SQLite, the same file (one handle per
 * process); on PostgreSQL, pg-boss on the same server, and one model rate limit for every
 * replica.
 */
export async function openServeStores(options: ServeStoreOptions): Promise<ServeStores> {
  const queueUrl = options.queueDb ?? (isPostgresUrl(options.db) ? options.db : undefined);
  if (!queueUrl) {
    if (options.storage.kind !== 'sqlite')
      throw new UserInputError('The inbound queue needs a database.', {
        hint: 'Pass --db postgres://… (or a SQLite file path).',
      });
    return {
      queue: new SqliteInboundQueue(options.storage.db, {
        leaseMs: options.leaseMs,
        busyTimeoutMs: options.ackTimeoutMs,
      }),
      turns: options.conversations,
    };
  }
  // pg-boss and pg load only for a PostgreSQL queue.
  const [{ PostgresInboundQueue }, { PostgresRateLimiter }] = await Promise.all([
    import('../store/postgres/inbound-queue.js'),
    import('../store/postgres/rate-limiter.js'),
  ]);
  let queue: InboundQueue;
  try {
    queue = await PostgresInboundQueue.open({
      connectionString: queueUrl,
      leaseMs: options.leaseMs,
      ackTimeoutMs: options.ackTimeoutMs,
      logger: options.logger,
    });
  } catch (error) {
    // The URL is not repeated: it may hold a password.
    throw new UserInputError(`Cannot open the inbound queue on PostgreSQL: ${(error as Error).message}`, {
      hint: 'Check that the server in --db (KAVAK_DB) or --queue-db is up and the user may create tables there.',
      cause: error,
    });
  }
  return {
    queue,
    turns: options.conversations,
    rateLimiter:
      options.modelRpm > 0
        ? new PostgresRateLimiter({ connectionString: queueUrl, perMinute: options.modelRpm })
        : undefined,
  };
}
