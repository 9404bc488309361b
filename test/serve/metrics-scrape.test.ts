import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServeMetrics } from '../../src/serve/metrics.js';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import Database from 'better-sqlite3';
import type { InboundStatus } from '../../src/core/ports/inbound-queue.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { fillInboundMessages, fillLegacyInboundMessages } from './helpers/inbound-rows.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kavak-metrics-')), 'kavak.db');

/** What a full scan says, to check the kept counts against. */
function countedByScan(db: Db): Record<InboundStatus, number> {
  const counts: Record<InboundStatus, number> = { received: 0, processing: 0, replied: 0, failed: 0 };
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM inbound_messages GROUP BY status').all() as {
    status: InboundStatus;
    n: number;
  }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The db, recording every statement the code under test prepares. */
function recordingStatements(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, statements };
}

describe('/metrics message counts', () => {
  it('are read without scanning the messages table, even at 200k rows', async () => {
    const db = openDatabase(tempDb());
    fillInboundMessages(db, 200_000);
    const recorded = recordingStatements(db);
    const metrics = createServeMetrics(new SqliteInboundQueue(recorded.db));

    const text = await metrics.registry.metrics();

    expect(recorded.statements.length).toBeGreaterThan(0);
    for (const sql of recorded.statements) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
        (r) => r.detail,
      );
      expect(plan.join('; ')).not.toMatch(/SCAN inbound_messages/);
    }
    expect(text).toMatch(/kavak_messages\{status="replied"\} 80000/);
    expect(text).toMatch(/kavak_messages\{status="failed"\} 40000/);
    expect(text).toMatch(/kavak_queue_depth 80000/);
    db.close();
  });

  it('stay exact through every step a message goes through', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const db = openDatabase(tempDb());
    const queue = new SqliteInboundQueue(db, { now: () => now, leaseMs: 1_000 });
    const insert = (sid: string, conversationId: string) =>
      queue.enqueue({
        channel: 'whatsapp',
        externalId: sid,
        trackingId: `t_${sid}`,
        conversationId,
        from: 'whatsapp:+5215500000001',
        to: 'whatsapp:+14155238886',
        body: 'Hola',
        payload: {},
      });
    const check = async () => expect(await queue.countsByStatus()).toEqual(countedByScan(db));

    await insert('A1', 'wa_a');
    await insert('A1', 'wa_a'); // a duplicate inserts nothing
    await insert('B1', 'wa_b');
    await insert('C1', 'wa_c');
    await check();
    const [first, second, third] = await queue.claim('w1', 3);
    await check();
    await queue.saveReply(first!.lease, { text: 'Hola', parts: ['Hola'], kind: 'answer' });
    await queue.finish(first!.lease, 'push');
    await queue.saveReply(second!.lease, { text: 'Perdón', parts: ['Perdón'], kind: 'fallback' });
    await queue.finish(second!.lease, 'push'); // a fallback finishes as failed
    await queue.retry(third!.lease, 'timeout', new Date(now.getTime() + 1_000));
    await check();
    now = new Date(now.getTime() + 2_000);
    await queue.claim('w1', 1);
    await check();
    // w1 dies; its lease runs out and w2 takes the message over.
    now = new Date(now.getTime() + 2_000);
    const [takenOver] = await queue.claim('w2', 1);
    await check();
    await queue.release(takenOver!.lease);
    const [last] = await queue.claim('w2', 1);
    await queue.fail(last!.lease, 'gave up');
    await check();
    db.prepare(`DELETE FROM inbound_messages WHERE status = 'replied'`).run(); // a retention sweep
    await check();
    expect(await queue.countsByStatus()).toEqual({ received: 0, processing: 0, replied: 0, failed: 2 });
    db.close();
  });

  it('are counted once, and the messages kept, when a database from before the queue port is upgraded', async () => {
    const path = tempDb();
    // The schema as released before the counts and the queue port (migrations 1 and 2), with rows.
    const old = new Database(path);
    old.exec(SQLITE_MIGRATIONS[0]!.sql);
    old.exec(SQLITE_MIGRATIONS[1]!.sql);
    old.pragma('user_version = 2');
    fillLegacyInboundMessages(old, 1_000);
    old.close();

    const upgraded = openDatabase(path);
    const queue = new SqliteInboundQueue(upgraded);
    expect(await queue.countsByStatus()).toEqual({
      received: 200,
      processing: 200,
      replied: 400,
      failed: 200,
    });
    expect((await queue.list())[1]).toMatchObject({
      channel: 'whatsapp',
      externalId: 'SMbulk2',
      payload: { Body: 'Hola' },
      reply: { text: 'hola', parts: ['hola'], kind: 'answer' },
      sentPartIds: ['SMsent2'],
      delivery: 'inline',
    });
    // A message left `processing` by the old process has no lease: it is claimable at once.
    expect((await queue.claim('w1', 1000)).some(({ message }) => message.externalId === 'SMbulk1')).toBe(
      true,
    );
    upgraded.close();
  });
});
