import { z } from 'zod';
import { statement, type Db } from '../database.js';

const SavedTraceSchema = z.object({ reply: z.string(), messages: z.array(z.string()).min(1) });

/**
 * The reply a turn already saved in the conversations' `turns` table (a crash after the turn,
 * before the send). Stand-in until the conversation port offers `turnReply(trackingId)`: the
 * table belongs to the conversation store, so this file goes when that method lands.
 */
export class SqliteTurnReplies {
  constructor(private readonly db: Db) {}

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; the port is async.
  async turnReply(trackingId: string): Promise<{ reply: string; messages: string[] } | undefined> {
    const row = statement(this.db, 'SELECT trace FROM turns WHERE tracking_id = ?').get(trackingId) as
      { trace: string } | undefined;
    if (!row) return undefined;
    const parsed = SavedTraceSchema.safeParse(JSON.parse(row.trace));
    return parsed.success ? parsed.data : undefined;
  }
}
