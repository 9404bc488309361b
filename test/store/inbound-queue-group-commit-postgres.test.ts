/**
 * Group commit of webhook acks on PostgreSQL: enqueues that arrive while a transaction is in
 * flight share the next one, and each caller still gets its own answer after the COMMIT. An
 * outside session's lock holds the first transaction in flight, so the test decides which
 * enqueues arrive "meanwhile" without relying on timing.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { NewInboundMessage } from '../../src/core/ports/inbound-queue.js';
import { PostgresInboundQueue } from '../../src/store/postgres/inbound-queue.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { eventually } from '../helpers/eventually.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { message } from './inbound-queue.contract.js';

describeWithPostgres('webhook acks on PostgreSQL, grouped into shared transactions', (url) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const schema = await freshSchema(url);
    cleanups.push(() => schema.drop());
    const queue = await PostgresInboundQueue.open({
      connectionString: schema.url,
      bossSchema: `${schema.schema}_boss`,
    });
    cleanups.push(() => queue.close());
    const admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    const locker = new pg.Client({ connectionString: schema.url });
    await locker.connect();
    cleanups.push(() => locker.end());

    /** Blocks every INSERT into inbound_messages until `release`. */
    const lock = async () => {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE inbound_messages IN SHARE MODE');
      return { release: () => locker.query('COMMIT') };
    };
    /** The backend of the queue's transaction once it waits on that lock. */
    const waitingTransaction = () =>
      eventually(
        async () => {
          const { rows } = await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_locks WHERE NOT granted AND relation = to_regclass('inbound_messages')`,
          );
          return rows.length === 1 ? rows[0]!.pid : undefined;
        },
        20_000,
        'a transaction waiting on the lock',
      );
    const rows = async () =>
      (
        await admin.query<{ external_id: string; xid: string; seq: string }>(
          'SELECT external_id, xmin::text AS xid, seq::text FROM inbound_messages ORDER BY seq',
        )
      ).rows;
    const jobs = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${schema.schema}_boss.job WHERE name = 'kavak-inbound'`,
          )
        ).rows[0]!.n,
      );
    return { queue, admin, lock, waitingTransaction, rows, jobs };
  }

  /** A channel's retry of `original`: the same external id, a new tracking id. */
  const retryOf = (original: NewInboundMessage): NewInboundMessage => ({
    ...original,
    trackingId: `${original.trackingId}_retry`,
  });

  it(
    'enqueues arriving during a transaction share the next one; each gets its own result, a retry the first record',
    { timeout: 60_000 },
    async () => {
      const { queue, lock, waitingTransaction, rows, jobs } = await setUp();
      const known = await queue.enqueue(message('dup', 1));
      const held = await lock();
      const first = queue.enqueue(message('a', 1));
      await waitingTransaction();
      const meanwhile = [
        message('b', 1),
        message('c', 1),
        retryOf(message('dup', 1)),
        message('d', 1),
        // The same customer again: it must not share b1's transaction (pg-boss could swap their order).
        message('b', 2),
      ];
      const answers = meanwhile.map((m) => queue.enqueue(m));
      await held.release();

      expect((await first).inserted).toBe(true);
      const results = await Promise.all(answers);
      expect(results.map((r) => r.inserted)).toEqual([true, true, false, true, true]);
      results.forEach((result, i) => expect(result.message.externalId).toBe(meanwhile[i]!.externalId));
      // The retry is answered with the record stored the first time, not with its own fields.
      expect(results[2]!.message.id).toBe(known.message.id);
      expect(results[2]!.message.trackingId).toBe(known.message.trackingId);

      const stored = new Map((await rows()).map((row) => [row.external_id, row]));
      const xid = (m: NewInboundMessage) => stored.get(m.externalId)!.xid;
      const [b1, c1, , d1, b2] = meanwhile as [NewInboundMessage, ...NewInboundMessage[]];
      expect(new Set([xid(b1), xid(c1!), xid(d1!)]).size).toBe(1);
      expect(xid(b1)).not.toBe(xid(message('a', 1)));
      expect(xid(b2!)).not.toBe(xid(b1));
      expect(BigInt(stored.get(b2!.externalId)!.seq)).toBeGreaterThan(BigInt(stored.get(b1.externalId)!.seq));
      // Acks leave scheduling to the next claim: one job per stored message, none for the retry.
      expect(await jobs()).toBe(0);
      const claimed = await queue.claim('worker', 10);
      expect(await jobs()).toBe(6);
      expect(claimed.map((c) => c.message.externalId).sort()).toEqual(
        ['dup', 'a', 'b', 'c', 'd'].map((c) => message(c, 1).externalId).sort(),
      );
    },
  );

  it(
    'a transaction that fails refuses every enqueue in it (503) and stores none; their retries are stored',
    { timeout: 60_000 },
    async () => {
      const { queue, admin, lock, waitingTransaction, rows, jobs } = await setUp();
      const held = await lock();
      const first = queue.enqueue(message('a', 1)).catch((error: unknown) => error);
      const firstPid = await waitingTransaction();
      const batch = [message('b', 1), message('c', 1), message('d', 1)];
      const answers = batch.map((m) => queue.enqueue(m).catch((error: unknown) => error));
      await admin.query('SELECT pg_cancel_backend($1)', [firstPid]);
      expect(await first).toBeInstanceOf(StoreUnavailableError);
      // The three wait together now: cancelled, all three are refused.
      const batchPid = await waitingTransaction();
      await admin.query('SELECT pg_cancel_backend($1)', [batchPid]);
      for (const answer of await Promise.all(answers)) expect(answer).toBeInstanceOf(StoreUnavailableError);
      await held.release();

      expect(await rows()).toEqual([]);
      expect(await jobs()).toBe(0);
      const retried = await Promise.all([message('a', 1), ...batch].map((m) => queue.enqueue(m)));
      expect(retried.map((r) => r.inserted)).toEqual([true, true, true, true]);
      expect(await queue.claim('worker', 10)).toHaveLength(4);
      expect(await jobs()).toBe(4);
    },
  );

  it(
    'a message the database rejects (a NUL character) fails alone; the others of its transaction are stored',
    { timeout: 60_000 },
    async () => {
      const { queue, lock, waitingTransaction, rows } = await setUp();
      const held = await lock();
      const first = queue.enqueue(message('a', 1));
      await waitingTransaction();
      const bad = { ...message('x', 1), body: 'hola\u0000' };
      const answers = [message('b', 1), bad, message('c', 1)].map((m) =>
        queue.enqueue(m).then(
          (result) => result.inserted,
          (error: unknown) => error,
        ),
      );
      await held.release();
      await first;
      const [b, x, c] = await Promise.all(answers);
      expect([b, c]).toEqual([true, true]);
      expect(x).toBeInstanceOf(Error);
      expect(x).not.toBeInstanceOf(StoreUnavailableError);
      expect((await rows()).map((row) => row.external_id).sort()).toEqual(
        ['a', 'b', 'c'].map((c) => message(c, 1).externalId).sort(),
      );
    },
  );
});
