import type { Db } from '../../../src/store/sqlite/database.js';

const STATUS_CYCLE = `CASE i % 5 WHEN 0 THEN 'received' WHEN 1 THEN 'processing' WHEN 2 THEN 'replied' WHEN 3 THEN 'failed' ELSE 'replied' END`;

/**
 * `count` inbound messages straight in SQL (seconds for 500k rows, where enqueue takes
 * minutes): 997 customers, statuses cycling received/processing/replied/failed/replied, so a
 * fifth are received, a fifth processing, two fifths replied and a fifth failed.
 */
export function fillInboundMessages(db: Db, count: number): void {
  db.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO inbound_messages
       (channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload, received_at, status, next_attempt_at, updated_at)
     SELECT 'whatsapp', 'SMbulk' || i, 't_bulk' || i, 'wa_' || (i % 997), 'whatsapp:+5215500000000', 'whatsapp:+14155238886',
       'Hola', '{}', '2025-01-01T00:00:00Z', ${STATUS_CYCLE}, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
     FROM seq`,
  ).run(count);
}

/** The same rows in the schema released before the queue port (migration 2: Twilio column names). */
export function fillLegacyInboundMessages(db: Db, count: number): void {
  db.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO inbound_messages
       (message_sid, tracking_id, conversation_id, customer, to_address, body, raw, received_at, status, next_attempt_at, updated_at,
        reply, reply_parts, reply_kind, reply_sids, delivery)
     SELECT 'SMbulk' || i, 't_bulk' || i, 'wa_' || (i % 997), 'whatsapp:+5215500000000', 'whatsapp:+14155238886',
       'Hola', '{"Body":"Hola"}', '2025-01-01T00:00:00Z', ${STATUS_CYCLE}, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z',
       'hola', '["hola"]', 'answer', '["SMsent' || i || '"]', 'twiml'
     FROM seq`,
  ).run(count);
}
