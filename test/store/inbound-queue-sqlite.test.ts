import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { CLAIM_SQL, SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { inboundQueueContract, message } from './inbound-queue.contract.js';

// Each replica opens the file on its own connection, as a second process would.
inboundQueueContract('SQLite (one file, separate connections)', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kavak-queue-')), 'kavak.db');
  const connections: Db[] = [];
  const leaseMs = 300;
  return Promise.resolve({
    leaseMs,
    expirySlackMs: 200,
    retryDelayMs: 150,
    replicas(count) {
      return Promise.resolve(
        Array.from({ length: count }, () => {
          const db = openDatabase(path);
          connections.push(db);
          return new SqliteInboundQueue(db, { leaseMs });
        }),
      );
    },
    close() {
      for (const db of connections) db.close();
      return Promise.resolve();
    },
  });
});

describe('SQLite inbound queue at a backlog', () => {
  it('claims by walking the due index to its limit, never scanning or sorting the backlog', () => {
    // A claim runs after every turn, on the event loop the webhook acks share: at a backlog of
    // thousands, grouping every unfinished message by conversation took ms per claim.
    const db = openDatabase(':memory:');
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${CLAIM_SQL}`).all({ now: new Date().toISOString(), limit: 8 }) as {
        detail: string;
      }[]
    ).map((step) => step.detail);
    db.close();
    expect(
      plan.filter((step) => /^SCAN|TEMP B-TREE/.test(step)),
      plan.join('\n'),
    ).toEqual([]);
    expect(plan.join('\n')).toMatch(/SEARCH m USING INDEX inbound_queue_due/);
  });

  it('still takes only the oldest message of each conversation, oldest due first, at a backlog', async () => {
    const db = openDatabase(':memory:');
    const queue = new SqliteInboundQueue(db);
    for (let n = 0; n < 3; n++)
      for (const conversation of ['a', 'b', 'c']) await queue.enqueue(message(conversation, n));
    const first = await queue.claim('w', 10);
    expect(first.map((c) => c.message.body + ' ' + c.message.conversationId)).toEqual([
      'mensaje 0 wa_a',
      'mensaje 0 wa_b',
      'mensaje 0 wa_c',
    ]);
    await queue.finish(first[1]!.lease, 'push');
    const next = await queue.claim('w', 10);
    expect(next.map((c) => c.message.body + ' ' + c.message.conversationId)).toEqual(['mensaje 1 wa_b']);
    await queue.close();
    db.close();
  });
});

describe('SQLite inbound queue: the ack', () => {
  it('returns the message it stored exactly as reading it back would', async () => {
    const db = openDatabase(':memory:');
    const queue = new SqliteInboundQueue(db);
    const { inserted, message: stored } = await queue.enqueue(message('ack', 1));
    expect(inserted).toBe(true);
    expect(stored).toEqual(await queue.get(stored.id));
    await queue.close();
    db.close();
  });
});
