import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServeMetrics } from '../../src/serve/metrics.js';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { MessageStore, type InboundStatus } from '../../src/store/message-store.js';
import { fillInboundMessages } from './helpers/inbound-rows.js';

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
    const metrics = createServeMetrics(new MessageStore(recorded.db));

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

  it('stay exact through every step a message goes through', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const db = openDatabase(tempDb());
    const store = new MessageStore(db, () => now);
    const insert = (sid: string, conversationId: string) =>
      store.insert({
        messageSid: sid,
        trackingId: `t_${sid}`,
        conversationId,
        customer: 'whatsapp:+5215500000001',
        to: 'whatsapp:+14155238886',
        body: 'Hola',
        raw: {},
      });
    const check = () => expect(store.countsByStatus()).toEqual(countedByScan(db));

    insert('A1', 'wa_a');
    insert('A1', 'wa_a'); // a duplicate inserts nothing
    insert('B1', 'wa_b');
    insert('C1', 'wa_c');
    check();
    const first = store.claimNext()!;
    const second = store.claimNext()!;
    const third = store.claimNext()!;
    check();
    store.saveReply(first.messageSid, { text: 'Hola', parts: ['Hola'], kind: 'answer' });
    store.finish(first.messageSid, 'rest');
    store.saveReply(second.messageSid, { text: 'Perdón', parts: ['Perdón'], kind: 'fallback' });
    store.finish(second.messageSid, 'rest'); // a fallback finishes as failed
    store.retryAt(third.messageSid, 'timeout', new Date(now.getTime() + 1_000));
    check();
    now = new Date(now.getTime() + 2_000);
    store.claimNext();
    check();
    expect(store.requeueInterrupted()).toBe(1);
    store.claimNext();
    store.release(third.messageSid);
    store.fail(third.messageSid, 'gave up');
    check();
    db.prepare(`DELETE FROM inbound_messages WHERE status = 'replied'`).run(); // a retention sweep
    check();
    expect(store.countsByStatus()).toEqual({ received: 0, processing: 0, replied: 0, failed: 2 });
    db.close();
  });

  it('are counted once when an existing database is upgraded', () => {
    const path = tempDb();
    const old = openDatabase(path);
    fillInboundMessages(old, 1_000);
    // Back to the schema before the counts existed, rows kept.
    old.exec(`DROP TRIGGER inbound_status_counts_insert; DROP TRIGGER inbound_status_counts_delete;
              DROP TRIGGER inbound_status_counts_update; DROP TABLE inbound_status_counts;`);
    old.pragma('user_version = 2');
    old.close();

    const upgraded = openDatabase(path);
    expect(new MessageStore(upgraded).countsByStatus()).toEqual({
      received: 200,
      processing: 200,
      replied: 400,
      failed: 200,
    });
    upgraded.close();
  });
});
