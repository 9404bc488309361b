/**
 * /metrics on PostgreSQL: a scrape must not count the whole messages table, and scrapes close
 * together (10 a second, several Prometheus servers) share one read. Every statement the
 * driver runs is recorded by wrapping pg's Client.query.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServeMetrics } from '../../src/serve/metrics.js';
import { PostgresInboundQueue } from '../../src/store/postgres/inbound-queue.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';

type Query = (this: unknown, ...args: unknown[]) => unknown;

/** The SQL of every query any pg client in this process sends until stop(). */
function recordQueries(): { statements: string[]; stop(): void } {
  const statements: string[] = [];
  const prototype = pg.Client.prototype as unknown as Record<'query', Query>;
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    if (text) statements.push(text);
    return original.apply(this, args);
  };
  return { statements, stop: () => void (prototype.query = original) };
}

const aboutMessages = (statements: string[]) =>
  statements.filter((sql) => /inbound_messages/.test(sql) && !/^\s*(INSERT|UPDATE)/i.test(sql));

describeWithPostgres('/metrics on PostgreSQL', (url) => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let queue: PostgresInboundQueue;
  let admin: pg.Client;
  beforeAll(async () => {
    schema = await freshSchema(url);
    queue = await PostgresInboundQueue.open({
      connectionString: schema.url,
      bossSchema: `${schema.schema}_boss`,
    });
    admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    // 60,000 answered messages (40,000 replied, 20,000 failed) and 3 waiting, as after weeks of serving.
    await admin.query(`INSERT INTO inbound_messages
        (id, channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload, status)
      SELECT gen_random_uuid(), 'whatsapp', 'SM' || i, 't_' || i, 'wa_' || (i % 500), 'whatsapp:+5215500000000',
             'whatsapp:+14155238886', 'hola', '{}', CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'replied' END
        FROM generate_series(1, 60000) AS i`);
    await admin.query(`INSERT INTO inbound_messages
        (id, channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload)
      SELECT gen_random_uuid(), 'whatsapp', 'SMw' || i, 't_w' || i, 'wa_w' || i, 'whatsapp:+5215500000001',
             'whatsapp:+14155238886', 'hola', '{}' FROM generate_series(1, 3) AS i`);
    await admin.query('ANALYZE inbound_messages');
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await queue?.close();
    await schema?.drop();
  });

  it('scrapes within the cache age share one read of the counts; an older one reads again', async () => {
    let now = 1_000_000;
    const metrics = createServeMetrics(queue, { countsMaxAgeMs: 5_000, now: () => now });
    const recorded = recordQueries();
    // Ten scrapes in one second, some at the same instant (two Prometheus servers).
    await Promise.all([metrics.registry.metrics(), metrics.registry.metrics()]);
    for (let i = 0; i < 8; i++) {
      now += 100;
      await metrics.registry.metrics();
    }
    const firstRead = aboutMessages(recorded.statements).length;
    expect(firstRead).toBeGreaterThan(0);
    expect(firstRead).toBeLessThanOrEqual(2); // the statistics, and the few waiting messages
    now += 5_000;
    const text = await metrics.registry.metrics();
    recorded.stop();
    expect(aboutMessages(recorded.statements)).toHaveLength(2 * firstRead);
    expect(text).toMatch(/kavak_queue_depth 3\b/);
  });

  it('does not count the finished messages: waiting ones exactly, finished ones from the statistics', async () => {
    const metrics = createServeMetrics(queue);
    const recorded = recordQueries();
    const text = await metrics.registry.metrics();
    recorded.stop();
    for (const sql of aboutMessages(recorded.statements)) {
      const plan = (await admin.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)).rows
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(plan).not.toMatch(/Seq Scan on inbound_messages/);
      // Any scan of the table reads the waiting few (an index condition), not the 60,000.
      for (const line of plan.split('\n').filter((l) => / on inbound_messages /.test(l)))
        expect(Number(/rows=(\d+)/.exec(line)?.[1])).toBeLessThan(1_000);
    }
    expect(text).toMatch(/kavak_messages\{status="received"\} 3\b/);
    const gauge = (status: string) =>
      Number(new RegExp(`kavak_messages\\{status="${status}"\\} (\\d+)`).exec(text)?.[1]);
    // ANALYZE samples the table: within a few percent of 40,000 and 20,000.
    expect(gauge('replied')).toBeGreaterThan(38_000);
    expect(gauge('replied')).toBeLessThan(42_000);
    expect(gauge('failed')).toBeGreaterThan(18_000);
    expect(gauge('failed')).toBeLessThan(22_000);
  });
});
