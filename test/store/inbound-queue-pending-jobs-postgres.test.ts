/**
 * The PostgreSQL queue's outbox: a webhook's ack stores the message in one statement and leaves
 * its pg-boss job to the next claim, on whichever replica claims first. Every stored message must
 * get exactly one job, however many replicas schedule at once, and a customer's messages must
 * still come out in the order they were stored.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { PostgresInboundQueue } from '../../src/store/postgres/inbound-queue.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { message } from './inbound-queue.contract.js';

describeWithPostgres('PostgreSQL queue: acks leave their jobs to the next claim (an outbox)', (url) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(replicas: number) {
    const schema = await freshSchema(url);
    cleanups.push(() => schema.drop());
    const queues: PostgresInboundQueue[] = [];
    for (let i = 0; i < replicas; i++) {
      const queue = await PostgresInboundQueue.open({
        connectionString: schema.url,
        bossSchema: `${schema.schema}_boss`,
      });
      cleanups.push(() => queue.close());
      queues.push(queue);
    }
    const admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    const count = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      queues,
      jobs: () => count(`SELECT count(*) AS n FROM ${schema.schema}_boss.job WHERE name = 'kavak-inbound'`),
      pending: () => count('SELECT count(*) AS n FROM inbound_messages WHERE job_pending'),
    };
  }

  it('a stored message waits without a job until a claim schedules it, then it is claimed', async () => {
    const { queues, jobs, pending } = await setUp(1);
    const [queue] = queues;
    const stored = await queue!.enqueue(message('a', 1));
    expect(stored.inserted).toBe(true);
    expect(await pending()).toBe(1);
    expect(await jobs()).toBe(0);
    const claimed = await queue!.claim('worker', 5);
    expect(claimed.map((c) => c.message.id)).toEqual([stored.message.id]);
    expect(await pending()).toBe(0);
    expect(await jobs()).toBe(1);
  });

  it(
    'three replicas claiming at once give every message one job and keep each customer in order',
    { timeout: 60_000 },
    async () => {
      const { queues, jobs, pending } = await setUp(3);
      const customers = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const perCustomer = 4;
      // Stored by different replicas, a customer's messages one after another (as Twilio sends).
      for (let n = 1; n <= perCustomer; n++)
        await Promise.all(customers.map((c, i) => queues[(i + n) % queues.length]!.enqueue(message(c, n))));
      expect(await pending()).toBe(customers.length * perCustomer);

      const order = new Map<string, number[]>();
      const total = customers.length * perCustomer;
      let handled = 0;
      for (let round = 0; handled < total && round < 200; round++) {
        const claims = await Promise.all(queues.map((queue, i) => queue.claim(`worker-${i}`, 8)));
        for (const [i, batch] of claims.entries())
          for (const { message: m, lease } of batch) {
            const seen = order.get(m.conversationId) ?? [];
            seen.push(Number(m.body.replace('mensaje ', '')));
            order.set(m.conversationId, seen);
            await queues[i]!.finish(lease, 'push');
            handled += 1;
          }
      }
      expect(handled).toBe(total);
      expect(await pending()).toBe(0);
      expect(await jobs()).toBe(total);
      for (const c of customers) expect(order.get(`wa_${c}`)).toEqual([1, 2, 3, 4]);
    },
  );
});
