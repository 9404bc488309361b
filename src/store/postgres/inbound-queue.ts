import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgBoss, type Db as IDatabase } from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../../support/logger.js';
import {
  LeaseLostError,
  type ClaimedMessage,
  type Delivery,
  type InboundMessage,
  type InboundQueue,
  type Lease,
  type NewInboundMessage,
  type SavedReply,
  type StatusCounts,
} from '../../core/ports/inbound-queue.js';
import { StoreUnavailableError } from '../store-errors.js';
import { storeAckBatch, type Enqueued } from './ack-batch.js';
import { countInboundStatuses } from './status-counts.js';
import { GroupCommit } from './group-commit.js';
import { toMessage } from './inbound-row.js';
import { takeJob } from './take-job.js';
import { migratePostgres } from './migrate.js';
import { NotificationListener } from './notification-listener.js';
import {
  inTransaction,
  openConnections,
  POSTGRES_CONNECTION_DEFAULTS,
  postgresError,
  postgresPoolConfig,
} from './pool.js';
import { schedulePendingJobs } from './pending-jobs.js';
import { maskPostgresUrl } from './url.js';

/** pg-boss queue of inbound messages: one job per message, singletonKey = conversation. */
export const INBOUND_JOBS = 'kavak-inbound';
const WAKE_CHANNEL = 'kavak_inbound';
/**
 * How long the webhook's store may wait on a lock or a slow statement before it gives up and the
 * webhook answers 503 (the channel retries): well inside a channel's webhook deadline, long enough for any
 * ordinary contention.
 */
export const DEFAULT_ACK_TIMEOUT_MS = 2_000;
/** Webhooks stored by one statement at most (a multi-row INSERT). */
const MAX_ACK_BATCH = 64;
/** One statement of acks is in flight at a time (group commit); the second connection is a spare while a broken one is replaced. */
const ACK_CONNECTIONS = 2;

const JobSchema = z.object({ id: z.string(), data: z.object({ messageId: z.string() }) });
const AffectedSchema = z.looseObject({ affected: z.number() });

export interface PostgresInboundQueueOptions {
  connectionString: string;
  /** How long a claim lasts without a heartbeat; pg-boss wants at least 10 s. */
  leaseMs?: number;
  /** pg-boss's schema (default pgboss, or <schema>_boss beside a search_path schema). */
  bossSchema?: string;
  /** How often pg-boss's monitor looks for jobs whose heartbeat stopped (default 2 s). */
  monitorIntervalSeconds?: number;
  /** Where pg-boss's own errors (a lost connection in its monitor) are told. */
  logger?: Logger;
  /** The process's LISTEN connection, shared with other adapters; default: one of the queue's own. */
  listener?: NotificationListener;
  /** Bounds each statement and lock wait of `enqueue` (the webhook's ack); default 2 s. */
  ackTimeoutMs?: number;
}

/**
 * The inbound queue on PostgreSQL. The record (reply, parts sent, status, idempotency on
 * (channel, external id)) is the inbound_messages table, where a webhook's ack is one INSERT; the
 * scheduling is pg-boss's, its jobs created by claims from the rows acks marked (an outbox): a
 * `key_strict_fifo` queue keyed by conversation, so a conversation's next job waits while its
 * head is active or waiting for a retry, on every replica; heartbeats (`heartbeatSeconds`)
 * hand a dead replica's job to another within seconds. Retries and attempts are counted in the
 * table (pg-boss's own retry limit is never reached: a job pg-boss failed for good would block
 * its conversation), and every settle writes the table and the job in one transaction.
 */
export class PostgresInboundQueue implements InboundQueue {
  private readonly pool: pg.Pool;
  private readonly boss: PgBoss;
  private readonly leaseSeconds: number;
  private readonly listeners = new Set<() => void>();
  private readonly notifications: NotificationListener;
  private unlisten: (() => void)[] = [];
  private readonly location: string;
  /** The acks' own connections: a busy worker (claims, settles) never makes a webhook wait for one. */
  private readonly ackPool: pg.Pool;
  private readonly acks: GroupCommit<NewInboundMessage, Enqueued>;
  private scheduling: Promise<number> | undefined;
  /** The payload of this process's "jobs scheduled" wake-ups: its own claim fetches them already. */
  private readonly scheduledMark = `scheduled:${randomUUID()}`;

  private constructor(
    private readonly options: PostgresInboundQueueOptions,
    bossSchema: string,
  ) {
    this.location = maskPostgresUrl(options.connectionString);
    this.pool = new pg.Pool(postgresPoolConfig(options.connectionString, 8));
    // An idle client that errors (a server restart) must not crash the process; the pool
    // replaces it on the next query.
    // Each ack is one statement outside any transaction: the bound on its lock waits and its
    // run time is the connection's own, set when it connects.
    const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    // Both are opened at start and kept (min): a burst's first webhooks never wait for a
    // connection's handshake (SCRAM costs milliseconds of CPU on both sides).
    this.ackPool = new pg.Pool({
      ...postgresPoolConfig(options.connectionString, ACK_CONNECTIONS),
      min: ACK_CONNECTIONS,
      statement_timeout: ackTimeoutMs,
      lock_timeout: ackTimeoutMs,
    });
    for (const pool of [this.pool, this.ackPool])
      pool.on('error', (error) =>
        options.logger?.warn('postgres_idle_connection_lost', { error: error.message }),
      );
    this.acks = new GroupCommit((messages) => this.storeBatch(messages), {
      maxBatch: MAX_ACK_BATCH,
      keyOf: (message) => message.conversationId,
      deadlineMs: ackTimeoutMs,
      mayBeOneMembers: (error) => !(error instanceof StoreUnavailableError),
      expired: () =>
        new StoreUnavailableError(
          `PostgreSQL at ${this.location} is busy: the message waited ${ackTimeoutMs} ms for its turn to be stored.`,
          {
            hint: 'It is retried; if it lasts, the server or this process is overloaded (fewer turns at once, more replicas), or a lock is held (pg_locks, pg_stat_activity).',
          },
        ),
    });
    this.notifications =
      options.listener ??
      new NotificationListener({ connectionString: options.connectionString, logger: options.logger });
    this.leaseSeconds = Math.max(10, Math.ceil((options.leaseMs ?? 15_000) / 1000));
    const monitor = options.monitorIntervalSeconds ?? 2;
    this.boss = new PgBoss({
      ...POSTGRES_CONNECTION_DEFAULTS,
      application_name: 'kavak-pgboss',
      connectionString: options.connectionString,
      schema: bossSchema,
      max: 4,
      monitorIntervalSeconds: monitor,
      superviseIntervalSeconds: monitor,
    });
    // pg-boss retries on its own; its errors are told, never thrown from an event emitter.
    this.boss.on('error', (error: unknown) =>
      options.logger?.warn('queue_engine_error', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  /** Connects, migrates the table, starts pg-boss and creates its queue if missing. */
  static async open(options: PostgresInboundQueueOptions): Promise<PostgresInboundQueue> {
    const queue = new PostgresInboundQueue(options, options.bossSchema ?? (await bossSchemaFor(options)));
    try {
      await migratePostgres(queue.pool, queue.location);
      await openConnections(queue.ackPool, ACK_CONNECTIONS, queue.location);
      await queue.boss.start();
      if (!(await queue.boss.getQueue(INBOUND_JOBS)))
        await queue.boss.createQueue(INBOUND_JOBS, {
          policy: 'key_strict_fifo',
          heartbeatSeconds: queue.leaseSeconds,
          // Only a bound for a worker that heartbeats but never ends; the turn timeout ends turns.
          expireInSeconds: 3_600,
          retryLimit: 1_000_000,
          retryDelay: 0,
        });
    } catch (error) {
      await queue.close();
      throw error;
    }
    return queue;
  }

  /**
   * Stores a message once per (channel, external id), in one statement shared with the webhooks
   * that arrive meanwhile (group commit); resolves once it has committed. Its job is created by
   * the next claim on any replica (schedulePendingJobs).
   */
  enqueue(message: NewInboundMessage): Promise<Enqueued> {
    return this.acks.submit(message);
  }

  /** One statement for a batch (rows and one wake-up); their jobs are the next claim's work. */
  private async storeBatch(messages: NewInboundMessage[]): Promise<Enqueued[]> {
    try {
      return await storeAckBatch(this.ackPool, WAKE_CHANNEL, messages);
    } catch (error) {
      throw postgresError(error, this.location);
    }
  }

  async get(id: string): Promise<InboundMessage | undefined> {
    const result = await this.pool.query('SELECT * FROM inbound_messages WHERE id = $1', [id]);
    return result.rows[0] === undefined ? undefined : toMessage(result.rows[0]);
  }

  async list(): Promise<InboundMessage[]> {
    return (await this.pool.query('SELECT * FROM inbound_messages ORDER BY seq')).rows.map(toMessage);
  }

  async claim(workerId: string, limit: number): Promise<ClaimedMessage[]> {
    if (limit <= 0) return [];
    await this.schedulePendingJobs();
    const jobs = z.array(JobSchema).parse(await this.boss.fetch(INBOUND_JOBS, { batchSize: limit }));
    const claimed: ClaimedMessage[] = [];
    for (const job of jobs) {
      const item = await this.transaction((client, db) =>
        takeJob({ client, db, boss: this.boss, jobName: INBOUND_JOBS }, job.data.messageId, workerId),
      );
      if (item) claimed.push(item);
    }
    return claimed;
  }

  /**
   * Creates the jobs of the messages acks stored since (theirs is one statement each). One call at
   * a time per process: a claim that arrives meanwhile waits for it, then fetches what it made.
   */
  private schedulePendingJobs(): Promise<number> {
    this.scheduling ??= schedulePendingJobs({
      pool: this.pool,
      location: this.location,
      boss: this.boss,
      jobName: INBOUND_JOBS,
      wakeChannel: WAKE_CHANNEL,
      wakePayload: this.scheduledMark,
    }).finally(() => (this.scheduling = undefined));
    return this.scheduling;
  }

  async heartbeat(leases: Lease[]): Promise<Lease[]> {
    const lost: Lease[] = [];
    for (const lease of leases) {
      const held = await this.pool.query(
        `SELECT 1 FROM inbound_messages WHERE id = $1 AND status = 'processing' AND lease_owner = $2 AND attempts = $3`,
        [lease.messageId, lease.workerId, lease.attempt],
      );
      const touched =
        held.rowCount === 1 && affected(await this.boss.touch(INBOUND_JOBS, lease.messageId)) === 1;
      if (!touched) lost.push(lease);
    }
    return lost;
  }

  async saveReply(lease: Lease, reply: SavedReply & { error?: string }): Promise<void> {
    await this.write(
      this.pool,
      lease,
      'reply = $4, reply_parts = $5, reply_kind = $6, error = COALESCE($7, error)',
      [reply.text, JSON.stringify(reply.parts), reply.kind, reply.error ?? null],
    );
  }

  async recordSentPart(lease: Lease, partId: string): Promise<void> {
    await this.write(this.pool, lease, 'sent_part_ids = sent_part_ids || jsonb_build_array($4::text)', [
      partId,
    ]);
  }

  async finish(lease: Lease, delivery: Delivery): Promise<void> {
    await this.settle(
      lease,
      `status = CASE WHEN reply_kind = 'fallback' THEN 'failed' ELSE 'replied' END, delivery = $4,
       finished_at = now(), lease_owner = NULL`,
      [delivery],
      'complete',
    );
  }

  async retry(lease: Lease, error: string, at: Date): Promise<void> {
    await this.settle(
      lease,
      `status = 'received', error = $4, next_attempt_at = $5, lease_owner = NULL`,
      [error, at],
      {
        retryAt: at,
      },
    );
  }

  async fail(lease: Lease, error: string): Promise<void> {
    // Completed in pg-boss: a job failed there would hold its conversation back for good.
    await this.settle(
      lease,
      `status = 'failed', error = $4, finished_at = now(), lease_owner = NULL`,
      [error],
      'complete',
    );
  }

  async release(lease: Lease): Promise<void> {
    await this.settle(
      lease,
      `status = 'received', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL`,
      [],
      {
        retryAt: new Date(),
      },
    );
  }

  async sentPartIdsOfConversation(conversationId: string): Promise<string[]> {
    const result = await this.pool.query(
      `SELECT jsonb_array_elements_text(sent_part_ids) AS id FROM inbound_messages
        WHERE conversation_id = $1 AND sent_part_ids <> '[]'::jsonb ORDER BY seq`,
      [conversationId],
    );
    return z
      .array(z.object({ id: z.string() }))
      .parse(result.rows)
      .map((row) => row.id);
  }

  countsByStatus(options: { estimateFinished?: boolean } = {}): Promise<StatusCounts> {
    return countInboundStatuses(this.pool, options);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** LISTEN on the process's dedicated connection: a message stored or settled on any replica wakes every one. */
  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.unlisten.length === 0) {
      const wake = () => {
        for (const listener of this.listeners) listener();
      };
      this.unlisten = [
        this.notifications.listen(WAKE_CHANNEL, (payload) => {
          if (payload !== this.scheduledMark) wake();
        }),
        // Back after a lost connection: wake-ups may have been missed meanwhile (workers poll too).
        this.notifications.onState((connected) => {
          if (connected) wake();
        }),
      ];
    }
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    for (const unlisten of this.unlisten.splice(0)) unlisten();
    if (!this.options.listener) await this.notifications.close();
    await this.boss.stop({ graceful: false, close: true }).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.ackPool.end().catch(() => undefined);
  }

  /** A write through a lease: refused (LeaseLostError) unless this worker's attempt still holds it. */
  private async write(
    client: pg.Pool | pg.PoolClient,
    lease: Lease,
    set: string,
    values: unknown[],
  ): Promise<void> {
    const result = await client.query(
      `UPDATE inbound_messages SET ${set}, updated_at = now()
        WHERE id = $1 AND status = 'processing' AND lease_owner = $2 AND attempts = $3`,
      [lease.messageId, lease.workerId, lease.attempt, ...values],
    );
    if (result.rowCount !== 1) throw new LeaseLostError(lease);
  }

  /** The table and the job in one transaction: done (complete) or due again at `retryAt`. */
  private async settle(
    lease: Lease,
    set: string,
    values: unknown[],
    job: 'complete' | { retryAt: Date },
  ): Promise<void> {
    await this.transaction(async (client, db) => {
      await this.write(client, lease, set, values);
      if (job === 'complete') {
        await this.boss.complete(INBOUND_JOBS, lease.messageId, null, { db });
      } else {
        await this.boss.fail(INBOUND_JOBS, lease.messageId, null, { db });
        await this.boss.update(INBOUND_JOBS, undefined, { id: lease.messageId, startAfter: job.retryAt, db });
      }
      await client.query('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, lease.messageId]);
    });
  }

  private async transaction<T>(
    work: (client: pg.PoolClient, db: IDatabase) => Promise<T>,
    timeoutMs?: number,
  ): Promise<T> {
    return inTransaction(
      this.pool,
      this.location,
      (client) => work(client, { executeSql: (text, values) => client.query(text, values) }),
      { timeoutMs },
    );
  }
}

/**
 * pg-boss's schema beside ours: `pgboss` for the public schema, `<schema>_boss` when the URL
 * sets another search_path, so deployments (and tests) that share a server stay apart.
 */
async function bossSchemaFor(options: PostgresInboundQueueOptions): Promise<string> {
  const client = new pg.Client(postgresPoolConfig(options.connectionString));
  await client.connect();
  try {
    const result = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = result.rows[0]?.schema;
    return !schema || schema === 'public' ? 'pgboss' : `${schema}_boss`;
  } finally {
    await client.end();
  }
}

function affected(response: unknown): number {
  const parsed = AffectedSchema.safeParse(response);
  return parsed.success ? parsed.data.affected : 0;
}
