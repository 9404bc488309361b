import { z } from 'zod';
import {
  DeliverySchema,
  InboundStatusSchema,
  ReplyKindSchema,
  type InboundMessage,
} from '../../core/ports/inbound-queue.js';

/** A row of inbound_messages, as `SELECT *` returns it. */
const RowSchema = z.object({
  id: z.string(),
  channel: z.string(),
  external_id: z.string(),
  tracking_id: z.string(),
  conversation_id: z.string(),
  from_address: z.string(),
  to_address: z.string(),
  body: z.string(),
  payload: z.record(z.string(), z.unknown()),
  received_at: z.date(),
  status: InboundStatusSchema,
  attempts: z.number().int(),
  next_attempt_at: z.date(),
  reply: z.string().nullable(),
  reply_parts: z.array(z.string()).nullable(),
  reply_kind: ReplyKindSchema.nullable(),
  sent_part_ids: z.array(z.string()),
  delivery: DeliverySchema.nullable(),
  error: z.string().nullable(),
  updated_at: z.date(),
  finished_at: z.date().nullable(),
});

/** A row of inbound_messages as the port's message. */
export function toMessage(value: unknown): InboundMessage {
  const row = RowSchema.parse(value);
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    trackingId: row.tracking_id,
    conversationId: row.conversation_id,
    from: row.from_address,
    to: row.to_address,
    body: row.body,
    payload: row.payload,
    receivedAt: row.received_at.toISOString(),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    reply:
      row.reply !== null && row.reply_parts !== null && row.reply_kind !== null
        ? { text: row.reply, parts: row.reply_parts, kind: row.reply_kind }
        : null,
    sentPartIds: row.sent_part_ids,
    delivery: row.delivery,
    error: row.error,
    updatedAt: row.updated_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
