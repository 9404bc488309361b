import type pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../../support/logger.js';
import {
  replyKeyString,
  type PendingReply,
  type ReplyHandoff,
  type ReplyKey,
} from '../../core/ports/reply-handoff.js';
import type { NotificationListener } from './notification-listener.js';

const REPLY_CHANNEL = 'kavak_reply';
/** How long a row outlives its message (see the migration). */
const RETENTION = "interval '2 days'";
const SWEEP_EVERY_MS = 60_000;
/** A settle that fails (the database is away) is tried again this often, up to this long past the deadline. */
const SETTLE_RETRY_MS = 200;
const SETTLE_GRACE_MS = 1_000;

const SettledSchema = z.object({ state: z.string(), parts: z.array(z.string()).nullable() });
const StateSchema = z.object({ state: z.string() });

/** A waiting row a worker may take: its request is within the deadline and its process alive. */
const TAKEABLE = `w.state = 'waiting' AND w.expires_at > now()
  AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = w.listener_pid)`;

/**
 * Worker side, one statement: takes a waiting row, or reports what an earlier attempt decided.
 * A row another statement changes meanwhile is re-read before the CASE (READ COMMITTED), so
 * this and the request's settle below never both win.
 */
const OFFER = `UPDATE reply_handoffs w SET
    state = CASE WHEN ${TAKEABLE} THEN 'answered' ELSE w.state END,
    parts = CASE WHEN ${TAKEABLE} THEN $3::jsonb ELSE w.parts END,
    updated_at = now()
  WHERE w.channel = $1 AND w.external_id = $2 AND w.state IN ('waiting', 'answered', 'delivered')
  RETURNING w.state`;

/** Request side, one statement: a waiting row expires (the worker will push), an answered one is delivered. */
const SETTLE = `UPDATE reply_handoffs SET
    state = CASE WHEN state = 'waiting' THEN 'expired' ELSE 'delivered' END, updated_at = now()
  WHERE channel = $1 AND external_id = $2 AND state IN ('waiting', 'answered')
  RETURNING state, parts`;

interface Waiting {
  key: ReplyKey;
  resolve: (parts: string[] | null) => void;
  timer: NodeJS.Timeout;
  giveUpAt: number;
}

/**
 * Inline replies across processes on PostgreSQL: the web process that received the webhook
 * writes a `waiting` row (with its LISTEN session's pid) before storing the message; the worker
 * that makes the reply takes the row in one conditional UPDATE and NOTIFYs; the web process,
 * told on its one LISTEN connection, reads the reply in another conditional UPDATE and answers.
 * A deadline, a cancelled request or a lost LISTEN connection settle the row the same way: if
 * the worker was first the request still gets the reply, otherwise the row expires and the
 * worker sends by the API. A web process that died leaves a row no worker can take (its pid is
 * gone from pg_stat_activity), so its replies go by the API.
 */
export class PostgresReplyHandoff implements ReplyHandoff {
  private readonly waiting = new Map<string, Waiting>();
  private subscribed = false;
  private lastSweep = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly listener: NotificationListener,
    private readonly logger?: Logger,
  ) {}

  async expect(key: ReplyKey, deadlineMs: number): Promise<PendingReply | undefined> {
    this.subscribe();
    const pid = (await this.listener.ready()) ? this.listener.pid : undefined;
    const id = replyKeyString(key);
    if (pid === undefined || this.waiting.has(id)) return undefined;
    const giveUpAt = Date.now() + deadlineMs + SETTLE_GRACE_MS;
    const inserted = await this.pool.query(
      `INSERT INTO reply_handoffs (channel, external_id, listener_pid, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') ON CONFLICT DO NOTHING`,
      [key.channel, key.externalId, pid, deadlineMs],
    );
    this.sweepNowAndThen();
    // Another request (the channel retrying the same message) waits already, or the message was answered.
    if (inserted.rowCount !== 1) return undefined;
    let resolve!: (parts: string[] | null) => void;
    const reply = new Promise<string[] | null>((done) => (resolve = done));
    const timer = setTimeout(
      () => void this.settle(id),
      Math.max(0, giveUpAt - SETTLE_GRACE_MS - Date.now()),
    );
    this.waiting.set(id, { key, resolve, timer, giveUpAt });
    return { reply, cancel: () => void this.settle(id) };
  }

  async offer(key: ReplyKey, parts: string[]): Promise<boolean> {
    const result = await this.pool.query(OFFER, [key.channel, key.externalId, JSON.stringify(parts)]);
    const state = result.rows[0] === undefined ? undefined : StateSchema.parse(result.rows[0]).state;
    // 'answered' again on a later attempt: tell once more, in case the first NOTIFY was lost with its worker.
    if (state === 'answered')
      await this.pool.query('SELECT pg_notify($1, $2)', [REPLY_CHANNEL, replyKeyString(key)]);
    return state === 'answered' || state === 'delivered';
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.waiting.keys()].map((id) => this.settle(id)));
  }

  async close(): Promise<void> {
    await this.cancelAll();
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  private subscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.unsubscribe.push(
      this.listener.listen(REPLY_CHANNEL, (payload) => void this.settle(payload)),
      // Notifications sent while the connection was down are lost: settle now rather than at the deadline.
      this.listener.onState((connected) => {
        if (!connected) void this.cancelAll();
      }),
    );
  }

  /** Decides this request's side once: the reply if a worker took the row, else null. */
  private async settle(id: string): Promise<void> {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    for (;;) {
      try {
        const result = await this.pool.query(SETTLE, [entry.key.channel, entry.key.externalId]);
        const row = result.rows[0] === undefined ? undefined : SettledSchema.parse(result.rows[0]);
        entry.resolve(row?.state === 'delivered' ? row.parts : null);
        return;
      } catch (error) {
        if (Date.now() + SETTLE_RETRY_MS > entry.giveUpAt) {
          // Whether a worker took it cannot be known now; the request answers empty.
          this.logger?.error('inline_reply_unsettled', {
            error: error instanceof Error ? error.message : String(error),
          });
          entry.resolve(null);
          return;
        }
        await new Promise((done) => setTimeout(done, SETTLE_RETRY_MS));
      }
    }
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.pool
      .query(`DELETE FROM reply_handoffs WHERE created_at < now() - ${RETENTION}`)
      .catch(() => undefined);
  }
}
