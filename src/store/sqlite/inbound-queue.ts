/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 is synchronous; the port is async. */
import { hostname } from 'node:os';
import { z } from 'zod';
import {
  DeliverySchema,
  InboundStatusSchema,
  LeaseLostError,
  ReplyKindSchema,
  type ClaimedMessage,
  type Delivery,
  type InboundMessage,
  type InboundQueue,
  type InboundStatus,
  type Lease,
  type NewInboundMessage,
  type SavedReply,
  type StatusCounts,
} from '../../core/ports/inbound-queue.js';
import { ACK_BUSY_TIMEOUT_MS, sqliteError, statement, withBusyTimeout, type Db } from './database.js';

const RowSchema = z.object({
  id: z.number().int(),
  channel: z.string(),
  external_id: z.string(),
  tracking_id: z.string(),
  conversation_id: z.string(),
  from_address: z.string(),
  to_address: z.string(),
  body: z.string(),
  payload: z.string(),
  received_at: z.string(),
  status: InboundStatusSchema,
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  reply: z.string().nullable(),
  reply_parts: z.string().nullable(),
  reply_kind: ReplyKindSchema.nullable(),
  sent_part_ids: z.string(),
  delivery: DeliverySchema.nullable(),
  error: z.string().nullable(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});

/**
 * What a claim takes, oldest due first: unfinished and due (a claimed message was due when it was
 * claimed), waiting or under a lease that has run out (its worker is gone), and the oldest
 * unfinished message of its conversation (only a head may be worked on). The walk follows the
 * inbound_queue_due index and stops at the limit; each candidate costs one probe of
 * inbound_queue_pending, so a claim does not grow with the backlog.
 */
export const CLAIM_SQL = `SELECT * FROM inbound_messages AS m
  WHERE m.status IN ('received', 'processing') AND m.next_attempt_at <= @now
    AND (m.status = 'received' OR m.lease_expires_at IS NULL OR m.lease_expires_at <= @now)
    AND NOT EXISTS (SELECT 1 FROM inbound_messages AS earlier
      WHERE earlier.conversation_id = m.conversation_id AND earlier.status IN ('received', 'processing')
        AND earlier.id < m.id)
  ORDER BY m.next_attempt_at, m.id LIMIT @limit`;
/** A write through a lease: the same worker, the same attempt, still in flight. */
const HELD = `id = @id AND status = 'processing' AND lease_owner = @owner AND attempts = @attempt`;

export interface SqliteInboundQueueOptions {
  /** How long a claim lasts without a heartbeat. */
  leaseMs?: number;
  now?: () => Date;
  /**
   * How long each write of the queue (the webhook's store, a claim, a lease's write) waits for
   * another process's lock on the file (default 250 ms): the wait blocks the event loop, and each
   * can fail and be tried again (the webhook answers 503; a lease not written runs out).
   */
  busyTimeoutMs?: number;
}

/**
 * The inbound queue on SQLite (the embedded default), in the conversations' database file.
 * Claims are leases in the row (owner, expiry): a worker that dies leaves a lease that runs
 * out and the message is claimed again, with the attempt counted; a live lease is never taken,
 * so two processes on one file are safe too (a claim is one IMMEDIATE transaction).
 * better-sqlite3 is synchronous: the async methods only fit the port.
 */
export class SqliteInboundQueue implements InboundQueue {
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly busyTimeoutMs: number;
  private checkedOwnersAt = -Infinity;

  constructor(
    private readonly db: Db,
    options: SqliteInboundQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.busyTimeoutMs = options.busyTimeoutMs ?? ACK_BUSY_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  async enqueue(message: NewInboundMessage): Promise<{ inserted: boolean; message: InboundMessage }> {
    return this.briefly(() => this.store(message));
  }

  private store(message: NewInboundMessage): { inserted: boolean; message: InboundMessage } {
    const at = this.iso();
    const result = statement(
      this.db,
      `INSERT INTO inbound_messages
           (channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload,
            received_at, status, next_attempt_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)
         ON CONFLICT (channel, external_id) DO NOTHING`,
    ).run(
      message.channel,
      message.externalId,
      message.trackingId,
      message.conversationId,
      message.from,
      message.to,
      message.body,
      JSON.stringify(message.payload),
      at,
      at,
      at,
    );
    if (result.changes === 1) {
      this.wake();
      // The row as just written, without reading it back: the ack's usual case, on the event loop.
      return { inserted: true, message: newMessage(String(result.lastInsertRowid), message, at) };
    }
    const first: unknown = statement(
      this.db,
      'SELECT * FROM inbound_messages WHERE channel = ? AND external_id = ?',
    ).get(message.channel, message.externalId);
    return { inserted: false, message: toMessage(first) };
  }

  async get(id: string): Promise<InboundMessage | undefined> {
    const row: unknown = statement(this.db, 'SELECT * FROM inbound_messages WHERE id = ?').get(Number(id));
    return row === undefined ? undefined : toMessage(row);
  }

  async list(): Promise<InboundMessage[]> {
    return statement(this.db, 'SELECT * FROM inbound_messages ORDER BY id').all().map(toMessage);
  }

  async claim(workerId: string, limit: number): Promise<ClaimedMessage[]> {
    if (limit <= 0) return [];
    // A poll that finds the file locked tries again at the next sweep.
    return this.briefly(() => this.claimNow(workerId, limit));
  }

  /** `work` under the short busy timeout; "locked" becomes StoreUnavailableError. */
  private briefly<T>(work: () => T): T {
    try {
      return withBusyTimeout(this.db, this.busyTimeoutMs, work);
    } catch (error) {
      throw sqliteError(this.db, error);
    }
  }

  private claimNow(workerId: string, limit: number): ClaimedMessage[] {
    this.freeLeasesOfDeadProcesses();
    const now = this.iso();
    const expires = this.iso(this.leaseMs);
    return this.db
      .transaction(() => {
        const rows = statement(this.db, CLAIM_SQL).all({ now, limit });
        return rows.map((row) => {
          const message = toMessage(row);
          statement(
            this.db,
            `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1,
               lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?`,
          ).run(workerId, expires, now, Number(message.id));
          const attempt = message.attempts + 1;
          return {
            message: { ...message, status: 'processing' as const, attempts: attempt, updatedAt: now },
            lease: { messageId: message.id, workerId, attempt },
            recovered: message.status === 'processing',
          };
        });
      })
      .immediate();
  }

  async heartbeat(leases: Lease[]): Promise<Lease[]> {
    const expires = this.iso(this.leaseMs);
    return this.briefly(() =>
      leases.filter(
        (lease) =>
          statement(this.db, `UPDATE inbound_messages SET lease_expires_at = @expires WHERE ${HELD}`).run({
            ...held(lease),
            expires,
          }).changes === 0,
      ),
    );
  }

  async saveReply(lease: Lease, reply: SavedReply & { error?: string }): Promise<void> {
    this.write(
      lease,
      'reply = @text, reply_parts = @parts, reply_kind = @kind, error = COALESCE(@error, error)',
      {
        text: reply.text,
        parts: JSON.stringify(reply.parts),
        kind: reply.kind,
        error: reply.error ?? null,
      },
    );
  }

  async recordSentPart(lease: Lease, partId: string): Promise<void> {
    this.write(lease, `sent_part_ids = json_insert(sent_part_ids, '$[#]', @partId)`, { partId });
  }

  async finish(lease: Lease, delivery: Delivery): Promise<void> {
    this.write(
      lease,
      `status = CASE WHEN reply_kind = 'fallback' THEN 'failed' ELSE 'replied' END, delivery = @delivery,
       finished_at = @at, lease_owner = NULL, lease_expires_at = NULL`,
      { delivery, at: this.iso() },
    );
    this.wake();
  }

  async retry(lease: Lease, error: string, at: Date): Promise<void> {
    this.write(
      lease,
      `status = 'received', error = @error, next_attempt_at = @due, lease_owner = NULL, lease_expires_at = NULL`,
      { error, due: at.toISOString() },
    );
    this.wakeAt(at);
  }

  async fail(lease: Lease, error: string): Promise<void> {
    this.write(
      lease,
      `status = 'failed', error = @error, finished_at = @at, lease_owner = NULL, lease_expires_at = NULL`,
      { error, at: this.iso() },
    );
    this.wake();
  }

  async release(lease: Lease): Promise<void> {
    this.write(
      lease,
      `status = 'received', attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL`,
      {},
    );
    this.wake();
  }

  async sentPartIdsOfConversation(conversationId: string): Promise<string[]> {
    const rows = statement(
      this.db,
      `SELECT sent_part_ids FROM inbound_messages WHERE conversation_id = ? AND sent_part_ids != '[]'`,
    )
      .pluck()
      .all(conversationId) as string[];
    return rows.flatMap((ids) => z.array(z.string()).parse(JSON.parse(ids)));
  }

  /** Kept by triggers (see the migrations): four rows read, whatever the table's size. */
  async countsByStatus(): Promise<StatusCounts> {
    const counts: StatusCounts = { received: 0, processing: 0, replied: 0, failed: 0 };
    const rows = statement(this.db, 'SELECT status, n FROM inbound_status_counts').all() as {
      status: InboundStatus;
      n: number;
    }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async ping(): Promise<void> {
    statement(this.db, 'SELECT 1').get();
  }

  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  /**
   * A restart on the same host need not wait for the killed process's leases to run out: a
   * worker id names its host and pid, and a pid that no longer exists holds nothing. (A reused
   * pid only makes us wait for the expiry, the safe side.) Checked at most once a second.
   */
  private freeLeasesOfDeadProcesses(): void {
    const at = this.now().getTime();
    if (at - this.checkedOwnersAt < 1_000) return;
    this.checkedOwnersAt = at;
    const owners = statement(
      this.db,
      `SELECT DISTINCT lease_owner FROM inbound_messages WHERE status = 'processing' AND lease_owner IS NOT NULL`,
    )
      .pluck()
      .all() as string[];
    for (const owner of owners.filter(isDeadLocalProcess))
      statement(
        this.db,
        `UPDATE inbound_messages SET lease_expires_at = NULL WHERE status = 'processing' AND lease_owner = ?`,
      ).run(owner);
  }

  /** A write through a lease; a locked file fails it fast (the lease runs out, the work is claimed again). */
  private write(lease: Lease, set: string, values: Record<string, unknown>): void {
    const changes = this.briefly(
      () =>
        statement(this.db, `UPDATE inbound_messages SET ${set}, updated_at = @updatedAt WHERE ${HELD}`).run({
          ...values,
          ...held(lease),
          updatedAt: this.iso(),
        }).changes,
    );
    if (changes === 0) throw new LeaseLostError(lease);
  }

  private wake(): void {
    // After the caller's own work (an ack being written): the first steps of a turn run synchronously.
    setImmediate(() => {
      for (const listener of this.listeners) listener();
    });
  }

  /** A retry comes due later: wake the workers then (in-process; other processes poll). */
  private wakeAt(at: Date): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.wake();
      },
      Math.max(at.getTime() - this.now().getTime(), 0) + 1,
    );
    timer.unref();
    this.timers.add(timer);
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }
}

/** `host:pid:…` (see newWorkerId) on this host, whose process is gone. */
function isDeadLocalProcess(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function held(lease: Lease): { id: number; owner: string; attempt: number } {
  return { id: Number(lease.messageId), owner: lease.workerId, attempt: lease.attempt };
}

/** A message as `store` inserts it (the columns' defaults for the rest). */
function newMessage(id: string, message: NewInboundMessage, at: string): InboundMessage {
  return {
    ...message,
    id,
    receivedAt: at,
    status: 'received',
    attempts: 0,
    nextAttemptAt: at,
    reply: null,
    sentPartIds: [],
    delivery: null,
    error: null,
    updatedAt: at,
    finishedAt: null,
  };
}

function toMessage(value: unknown): InboundMessage {
  const row = RowSchema.parse(value);
  return {
    id: String(row.id),
    channel: row.channel,
    externalId: row.external_id,
    trackingId: row.tracking_id,
    conversationId: row.conversation_id,
    from: row.from_address,
    to: row.to_address,
    body: row.body,
    payload: z.record(z.string(), z.unknown()).parse(JSON.parse(row.payload)),
    receivedAt: row.received_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    reply:
      row.reply !== null && row.reply_parts !== null && row.reply_kind !== null
        ? {
            text: row.reply,
            parts: z.array(z.string()).min(1).parse(JSON.parse(row.reply_parts)),
            kind: row.reply_kind,
          }
        : null,
    sentPartIds: z.array(z.string()).parse(JSON.parse(row.sent_part_ids)),
    delivery: row.delivery,
    error: row.error,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
