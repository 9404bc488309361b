import type { ConversationStore } from '../core/ports/conversations.js';
import { UserInputError } from '../support/errors.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import type { ReplyHandoff } from '../core/ports/reply-handoff.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { SqliteInboundQueue } from '../store/sqlite/inbound-queue.js';
import { startBackgroundCheckpoints } from '../store/sqlite/background-checkpoints.js';
import type { Storage } from './stores.js';

export interface ServeStores {
  queue: InboundQueue;
  /** The reply a turn already saved to conversation memory (a crash after the turn, before the send). */
  turns: Pick<ConversationStore, 'turnReply'>;
  /** Set on PostgreSQL: one model limit for every replica. On SQLite serve keeps one in-process. */
  rateLimiter?: RateLimiter & { close(): Promise<void> };
  /**
   * Set on PostgreSQL: inline (TwiML) replies reach the web process that waits for them from
   * whichever worker made them. On SQLite serve keeps them in-process.
   */
  replyHandoff?: ReplyHandoff;
  /** Closes what openServeStores opened beyond the queue (the server closes the queue). */
  close(): Promise<void>;
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
    const logger = options.logger ?? silentLogger;
    const checkpoints = startBackgroundCheckpoints(options.storage.db, {
      onError: (error) =>
        logger.warn('sqlite_checkpoints_failed', {
          error: error.message,
          note: 'checkpoints run in the commits again (short stalls of the webhook acks)',
        }),
    });
    return {
      queue: new SqliteInboundQueue(options.storage.db, {
        leaseMs: options.leaseMs,
        busyTimeoutMs: options.ackTimeoutMs,
      }),
      turns: options.conversations,
      // Before the database closes: its last close then checkpoints and removes the WAL.
      close: () => checkpoints.stop(),
    };
  }
  // pg-boss and pg load only for a PostgreSQL queue.
  const [
    { PostgresInboundQueue },
    { PostgresRateLimiter },
    { NotificationListener },
    { PostgresReplyHandoff },
    { openPostgresPool },
  ] = await Promise.all([
    import('../store/postgres/inbound-queue.js'),
    import('../store/postgres/rate-limiter.js'),
    import('../store/postgres/notification-listener.js'),
    import('../store/postgres/reply-handoff.js'),
    import('../store/postgres/pool.js'),
  ]);
  // One LISTEN connection per process: the queue's wake-ups and the inline replies.
  const listener = new NotificationListener({ connectionString: queueUrl, logger: options.logger });
  let queue: InboundQueue;
  try {
    queue = await PostgresInboundQueue.open({
      connectionString: queueUrl,
      leaseMs: options.leaseMs,
      ackTimeoutMs: options.ackTimeoutMs,
      logger: options.logger,
      listener,
    });
  } catch (error) {
    await listener.close();
    // The URL is not repeated: it may hold a password.
    throw new UserInputError(`Cannot open the inbound queue on PostgreSQL: ${(error as Error).message}`, {
      hint: 'Check that the server in --db (KAVAK_DB) or --queue-db is up and the user may create tables there.',
      cause: error,
    });
  }
  const rateLimiter =
    options.modelRpm > 0
      ? new PostgresRateLimiter({ connectionString: queueUrl, perMinute: options.modelRpm })
      : undefined;
  // One statement per message and per waiting request: a few connections are plenty.
  const handoffPool = openPostgresPool(queueUrl, options.logger ?? silentLogger, 4);
  const replyHandoff = new PostgresReplyHandoff(handoffPool, listener, options.logger);
  return {
    queue,
    turns: options.conversations,
    rateLimiter,
    replyHandoff,
    async close() {
      await replyHandoff.close();
      await listener.close();
      await handoffPool.end().catch(() => undefined);
      await rateLimiter?.close();
    },
  };
}
