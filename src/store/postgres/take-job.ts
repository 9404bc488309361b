import type pg from 'pg';
import type { PgBoss, Db as IDatabase } from 'pg-boss';
import type { ClaimedMessage } from '../../core/ports/inbound-queue.js';
import { toMessage } from './inbound-row.js';

export interface JobTarget {
  /** A client inside the claim's transaction, and pg-boss's view of the same client. */
  client: pg.PoolClient;
  db: IDatabase;
  boss: PgBoss;
  jobName: string;
}

/**
 * Marks a fetched job's message as claimed by `workerId`, in the caller's transaction. Skips (and
 * settles) a job whose message is done, and sends one whose conversation has an older message
 * still open back to wait a second behind it.
 */
export async function takeJob(
  target: JobTarget,
  messageId: string,
  workerId: string,
): Promise<ClaimedMessage | undefined> {
  const before = await target.client.query<{ status: string; head: boolean }>(
    `SELECT m.status, NOT EXISTS (
       SELECT 1 FROM inbound_messages p WHERE p.conversation_id = m.conversation_id
         AND p.seq < m.seq AND p.status IN ('received', 'processing')) AS head
     FROM inbound_messages m WHERE m.id = $1 FOR UPDATE`,
    [messageId],
  );
  const row = before.rows[0];
  if (!row || row.status === 'replied' || row.status === 'failed') {
    // Settled already (its job outlived it): nothing to do.
    await target.boss.complete(target.jobName, messageId, null, { db: target.db });
    return undefined;
  }
  if (!row.head) {
    // pg-boss keeps a key's order; should an older message still be open, wait behind it.
    await target.boss.fail(target.jobName, messageId, { reason: 'not the head' }, { db: target.db });
    await target.boss.update(target.jobName, undefined, {
      id: messageId,
      startAfter: new Date(Date.now() + 1_000),
      db: target.db,
    });
    return undefined;
  }
  const updated = await target.client.query(
    `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1, lease_owner = $2,
       updated_at = now() WHERE id = $1 RETURNING *`,
    [messageId, workerId],
  );
  const message = toMessage(updated.rows[0]);
  return {
    message,
    lease: { messageId, workerId, attempt: message.attempts },
    recovered: row.status === 'processing',
  };
}
