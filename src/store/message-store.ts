import { z } from 'zod';
import { statement, type Db } from './sqlite/database.js';

export const InboundStatusSchema = z.enum(['received', 'processing', 'replied', 'failed']);
export type InboundStatus = z.infer<typeof InboundStatusSchema>;

/** answer: the pipeline's reply; notice: a fixed polite answer (empty, media, too long); fallback: after failures. */
export const ReplyKindSchema = z.enum(['answer', 'notice', 'fallback']);
export type ReplyKind = z.infer<typeof ReplyKindSchema>;

export const DeliverySchema = z.enum(['rest', 'twiml']);
export type Delivery = z.infer<typeof DeliverySchema>;

const RowSchema = z.object({
  id: z.number().int(),
  message_sid: z.string(),
  tracking_id: z.string(),
  conversation_id: z.string(),
  customer: z.string(),
  to_address: z.string(),
  body: z.string(),
  raw: z.string(),
  received_at: z.string(),
  status: InboundStatusSchema,
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  reply: z.string().nullable(),
  reply_parts: z.string().nullable(),
  reply_kind: ReplyKindSchema.nullable(),
  reply_sids: z.string(),
  delivery: DeliverySchema.nullable(),
  error: z.string().nullable(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});

/** One inbound WhatsApp message and everything that happened to it. */
export interface InboundRecord {
  /** Arrival order (a customer's messages are processed in this order). */
  seq: number;
  messageSid: string;
  trackingId: string;
  conversationId: string;
  /** The customer's address, e.g. whatsapp:+5215512345678 (mask it before logging). */
  customer: string;
  /** The address that received the message; replies go out from it. */
  to: string;
  body: string;
  /** Every form field Twilio sent. */
  raw: Record<string, unknown>;
  receivedAt: string;
  status: InboundStatus;
  attempts: number;
  nextAttemptAt: string;
  reply: string | null;
  /** The reply split into WhatsApp messages, saved before any is sent so a restart resumes. */
  replyParts: string[] | null;
  replyKind: ReplyKind | null;
  /** Twilio message sids of the parts already sent, in order. */
  replySids: string[];
  delivery: Delivery | null;
  error: string | null;
  updatedAt: string;
  finishedAt: string | null;
}

export interface NewInbound {
  messageSid: string;
  trackingId: string;
  conversationId: string;
  customer: string;
  to: string;
  body: string;
  raw: Record<string, unknown>;
}

const UNFINISHED = `status IN ('received', 'processing')`;
/** The oldest unfinished message of each customer: only a head may be worked on. */
const HEADS = `id IN (SELECT MIN(id) FROM inbound_messages WHERE ${UNFINISHED} GROUP BY conversation_id)`;

/**
 * The durable side of `kavak serve`: inbound messages in SQLite (the same database as the
 * conversations), idempotent on Twilio's MessageSid, with the per-customer queue order.
 * One serving process owns the table: `processing` rows are its in-flight work.
 */
export class MessageStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores a new message; a MessageSid seen before returns the stored one and inserts nothing. */
  insert(message: NewInbound): { inserted: boolean; record: InboundRecord } {
    const at = this.now().toISOString();
    const result = statement(
      this.db,
      `INSERT INTO inbound_messages
           (message_sid, tracking_id, conversation_id, customer, to_address, body, raw, received_at, status, next_attempt_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)
         ON CONFLICT (message_sid) DO NOTHING`,
    ).run(
      message.messageSid,
      message.trackingId,
      message.conversationId,
      message.customer,
      message.to,
      message.body,
      JSON.stringify(message.raw),
      at,
      at,
      at,
    );
    return { inserted: result.changes === 1, record: this.get(message.messageSid)! };
  }

  get(messageSid: string): InboundRecord | undefined {
    const row: unknown = statement(this.db, 'SELECT * FROM inbound_messages WHERE message_sid = ?').get(
      messageSid,
    );
    return row === undefined ? undefined : toRecord(row);
  }

  /** All messages in arrival order (tests, audits). */
  all(): InboundRecord[] {
    return statement(this.db, 'SELECT * FROM inbound_messages ORDER BY id').all().map(toRecord);
  }

  /**
   * Takes the next message to work on and marks it `processing` (one attempt more): the oldest
   * due head of a customer whose previous message is finished. A customer with a message in
   * processing or waiting for a retry has no claimable head, which keeps their order.
   */
  claimNext(): InboundRecord | undefined {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const row: unknown = statement(
        this.db,
        `SELECT * FROM inbound_messages WHERE ${HEADS} AND status = 'received' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`,
      ).get(at);
      if (row === undefined) return undefined;
      const record = toRecord(row);
      statement(
        this.db,
        `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1, updated_at = ? WHERE id = ?`,
      ).run(at, record.seq);
      return { ...record, status: 'processing' as const, attempts: record.attempts + 1, updatedAt: at };
    })();
  }

  /** When the next waiting head becomes due (for the retry timer); undefined when none waits. */
  nextDueAt(): Date | undefined {
    const row = statement(
      this.db,
      `SELECT MIN(next_attempt_at) AS due FROM inbound_messages WHERE ${HEADS} AND status = 'received'`,
    ).get() as { due: string | null };
    return row.due ? new Date(row.due) : undefined;
  }

  /** Saves the reply before sending it, so a crash mid-send resumes instead of asking the model again. */
  saveReply(
    messageSid: string,
    reply: { text: string; parts: string[]; kind: ReplyKind; error?: string },
  ): void {
    this.update(messageSid, 'reply = ?, reply_parts = ?, reply_kind = ?, error = COALESCE(?, error)', [
      reply.text,
      JSON.stringify(reply.parts),
      reply.kind,
      reply.error ?? null,
    ]);
  }

  /** Records the Twilio sid of the next part sent. */
  addReplySid(messageSid: string, sid: string): void {
    const record = this.get(messageSid);
    if (!record) return;
    this.update(messageSid, 'reply_sids = ?', [JSON.stringify([...record.replySids, sid])]);
  }

  /** The reply went out: `replied`, or `failed` when it was the fallback. */
  finish(messageSid: string, delivery: Delivery): void {
    const at = this.now().toISOString();
    this.update(
      messageSid,
      `status = CASE WHEN reply_kind = 'fallback' THEN 'failed' ELSE 'replied' END, delivery = ?, finished_at = ?`,
      [delivery, at],
    );
  }

  /** Gives up on a message for good, with the reason. */
  fail(messageSid: string, error: string): void {
    this.update(messageSid, `status = 'failed', error = ?, finished_at = ?`, [
      error,
      this.now().toISOString(),
    ]);
  }

  /** Back to the queue after a failed attempt; the customer's later messages wait behind it. */
  retryAt(messageSid: string, error: string, at: Date): void {
    this.update(messageSid, `status = 'received', error = ?, next_attempt_at = ?`, [error, at.toISOString()]);
  }

  /** Back to the queue untouched (shutdown): the attempt does not count. */
  release(messageSid: string): void {
    this.update(messageSid, `status = 'received', attempts = MAX(attempts - 1, 0)`, []);
  }

  /**
   * At start-up: whatever a previous process left `processing` (a crash) is queued again. The
   * attempt it was on still counts, so a message that crashes the server cannot loop forever.
   */
  requeueInterrupted(): number {
    const at = this.now().toISOString();
    return statement(
      this.db,
      `UPDATE inbound_messages SET status = 'received', updated_at = ? WHERE status = 'processing'`,
    ).run(at).changes;
  }

  /** Every Twilio sid recorded for one customer's replies (so a lookup at Twilio does not take one for another). */
  replySidsOfConversation(conversationId: string): string[] {
    const rows = statement(
      this.db,
      `SELECT reply_sids FROM inbound_messages WHERE conversation_id = ? AND reply_sids != '[]'`,
    )
      .pluck()
      .all(conversationId) as string[];
    return rows.flatMap((sids) => z.array(z.string()).parse(JSON.parse(sids)));
  }

  /** Messages marked `processing` (the queue's sweep compares them with its own in-flight work). */
  processingMessageSids(): string[] {
    return statement(
      this.db,
      `SELECT message_sid FROM inbound_messages WHERE status = 'processing' ORDER BY id`,
    )
      .pluck()
      .all() as string[];
  }

  /** Kept by triggers (see the migrations): four rows read, whatever the table's size. */
  countsByStatus(): Record<InboundStatus, number> {
    const counts: Record<InboundStatus, number> = { received: 0, processing: 0, replied: 0, failed: 0 };
    const rows = statement(this.db, 'SELECT status, n FROM inbound_status_counts').all() as {
      status: InboundStatus;
      n: number;
    }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The reply a turn already saved to conversation memory (a crash after the turn, before the send). */
  savedTurnReply(trackingId: string): { reply: string; messages: string[] } | undefined {
    const row = statement(this.db, 'SELECT trace FROM turns WHERE tracking_id = ?').get(trackingId) as
      { trace: string } | undefined;
    if (!row) return undefined;
    const parsed = SavedTraceSchema.safeParse(JSON.parse(row.trace));
    return parsed.success ? parsed.data : undefined;
  }

  /** Checks the database answers (readiness). */
  ping(): void {
    statement(this.db, 'SELECT 1').get();
  }

  private update(messageSid: string, set: string, values: unknown[]): void {
    statement(this.db, `UPDATE inbound_messages SET ${set}, updated_at = ? WHERE message_sid = ?`).run(
      ...values,
      this.now().toISOString(),
      messageSid,
    );
  }
}

const SavedTraceSchema = z.object({ reply: z.string(), messages: z.array(z.string()).min(1) });

function toRecord(value: unknown): InboundRecord {
  const row = RowSchema.parse(value);
  return {
    seq: row.id,
    messageSid: row.message_sid,
    trackingId: row.tracking_id,
    conversationId: row.conversation_id,
    customer: row.customer,
    to: row.to_address,
    body: row.body,
    raw: z.record(z.string(), z.unknown()).parse(JSON.parse(row.raw)),
    receivedAt: row.received_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    reply: row.reply,
    replyParts: row.reply_parts === null ? null : z.array(z.string()).parse(JSON.parse(row.reply_parts)),
    replyKind: row.reply_kind,
    replySids: z.array(z.string()).parse(JSON.parse(row.reply_sids)),
    delivery: row.delivery,
    error: row.error,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
