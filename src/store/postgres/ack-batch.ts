import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { InboundMessage, InboundQueue, NewInboundMessage } from '../../core/ports/inbound-queue.js';
import { toMessage } from './inbound-row.js';

/** What `enqueue` resolves to: the stored record, and whether this call stored it. */
export type Enqueued = Awaited<ReturnType<InboundQueue['enqueue']>>;

/**
 * The webhooks of one group commit in one statement (its own implicit transaction): the new
 * rows in one INSERT, marked `job_pending` for the next claim to schedule, and one wake-up for
 * the workers of every replica, sent when the statement commits. Only when some were stored
 * before (a channel's retry) does a second statement read their first records. Each message
 * gets its own result, in order.
 */
export async function storeAckBatch(
  client: pg.PoolClient | pg.Pool,
  wakeChannel: string,
  messages: readonly NewInboundMessage[],
): Promise<Enqueued[]> {
  const inserted = await client.query(
    `WITH stored AS (
       INSERT INTO inbound_messages
           (id, channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload,
            job_pending)
         SELECT *, true FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                    $7::text[], $8::text[], $9::jsonb[])
         ON CONFLICT (channel, external_id) DO NOTHING RETURNING *),
     wake AS (SELECT pg_notify($10, '') WHERE EXISTS (SELECT 1 FROM stored))
     SELECT stored.* FROM stored LEFT JOIN wake ON true ORDER BY stored.seq`,
    [
      messages.map(() => randomUUID()),
      messages.map((m) => m.channel),
      messages.map((m) => m.externalId),
      messages.map((m) => m.trackingId),
      messages.map((m) => m.conversationId),
      messages.map((m) => m.from),
      messages.map((m) => m.to),
      messages.map((m) => m.body),
      messages.map((m) => JSON.stringify(m.payload)),
      wakeChannel,
    ],
  );
  const stored = new Map(
    inserted.rows.map((row) => {
      const message = toMessage(row);
      return [sourceKey(message), message];
    }),
  );
  // The rest were stored before (a channel's retry): their first record is the answer.
  const known = messages.filter((m) => !stored.has(sourceKey(m)));
  const existing = new Map<string, InboundMessage>();
  if (known.length > 0) {
    const found = await client.query(
      `SELECT * FROM inbound_messages
          WHERE (channel, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [known.map((m) => m.channel), known.map((m) => m.externalId)],
    );
    for (const row of found.rows) {
      const message = toMessage(row);
      existing.set(sourceKey(message), message);
    }
  }
  return messages.map((m) => {
    const key = sourceKey(m);
    const own = stored.get(key);
    // A duplicate within the batch (the same external id twice) finds the first one's row.
    if (own && own.trackingId === m.trackingId) return { inserted: true, message: own };
    const first = own ?? existing.get(key);
    if (!first) throw new Error(`inbound message ${m.channel}/${m.externalId} was neither stored nor found`);
    return { inserted: false, message: first };
  });
}

/** The idempotency key of a message: its channel and the channel's id for it. */
function sourceKey(message: { channel: string; externalId: string }): string {
  return `${message.channel}\u0000${message.externalId}`;
}
