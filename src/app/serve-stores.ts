import type { InboundQueue } from '../core/ports/inbound-queue.js';
import type { Db } from '../store/database.js';
import { SqliteInboundQueue } from '../store/sqlite/inbound-queue.js';
import { SqliteTurnReplies } from '../store/sqlite/turn-replies.js';

export interface ServeStores {
  queue: InboundQueue;
  /** Replies already saved by a turn (the conversation port's `turnReply` once it has one). */
  turns: SqliteTurnReplies;
}

/** The inbound queue and what the worker reads beside it, on the app's SQLite database. */
export function sqliteServeStores(db: Db, options: { leaseMs?: number } = {}): ServeStores {
  return { queue: new SqliteInboundQueue(db, options), turns: new SqliteTurnReplies(db) };
}
