import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStores } from '../../src/app/stores.js';
import { emptyProfile } from '../../src/core/profile.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { conversationStoreContract } from './conversations.contract.js';
import { message } from './inbound-queue.contract.js';

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'kavak-sqlite-')), 'kavak.db');
}

describe('the conversation port on SQLite (a real file)', () => {
  conversationStoreContract(async () => {
    const stores = await openStores(tempDbPath());
    expect(stores.storage.kind).toBe('sqlite');
    return { store: stores.conversations, close: () => stores.close() };
  });

  it('keeps everything across closing and reopening the file', async () => {
    const path = tempDbPath();
    const first = await openStores(path);
    await first.conversations.saveTurn({
      conversationId: 'c1',
      trackingId: 't1',
      customerText: 'Hola, soy Ana',
      agentText: '¡Hola Ana!',
      profile: { ...emptyProfile(), name: 'Ana' },
      trace: { trackingId: 't1' },
      leads: [],
    });
    await first.close();
    const reopened = await openStores(path);
    expect((await reopened.conversations.get('c1'))?.profile.name).toBe('Ana');
    expect((await reopened.conversations.history('c1', 10)).map((m) => m.text)).toEqual([
      'Hola, soy Ana',
      '¡Hola Ana!',
    ]);
    await reopened.close();
  });

  it('upgrades a file made by the first release in place, keeping its conversations', async () => {
    const path = tempDbPath();
    const old = new Database(path);
    old.exec(SQLITE_MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old
      .prepare('INSERT INTO conversations (id, created_at, updated_at, profile) VALUES (?, ?, ?, ?)')
      .run('c_old', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', JSON.stringify({ name: 'Eva' }));
    old.close();

    const stores = await openStores(path);
    expect(await stores.migrationStatus()).toEqual({
      current: SQLITE_MIGRATIONS.length,
      latest: SQLITE_MIGRATIONS.length,
      pending: [],
    });
    expect((await stores.conversations.get('c_old'))?.profile.name).toBe('Eva');
    await stores.close();
  });

  it('refuses a file a newer kavak wrote, saying to upgrade', async () => {
    const path = tempDbPath();
    const newer = new Database(path);
    newer.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    newer.close();
    await expect(openStores(path)).rejects.toThrow(/newer kavak/);
  });

  it('names the path and what to do when the file cannot be opened', async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), 'kavak-sqlite-')), 'a-file');
    writeFileSync(notADir, '');
    const error = await openStores(join(notADir, 'kavak.db')).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ hint: expect.stringMatching(/KAVAK_DB/) });
  });
});

describe('turn traces on SQLite', () => {
  it('keep a prompt repeated on every turn once, not once per turn', async () => {
    const path = tempDbPath();
    const stores = await openStores(path);
    const prompt = 'Eres el clasificador de intenciones del asistente de ventas. '.repeat(200); // ~12 KB
    for (let n = 0; n < 100; n++) {
      await stores.conversations.saveTurn({
        conversationId: 'c1',
        trackingId: `t${n}`,
        customerText: 'hola',
        agentText: 'hola',
        profile: emptyProfile(),
        trace: { spans: [{ type: 'model_call', messages: [{ role: 'system', content: prompt }] }] },
        leads: [],
      });
    }
    await stores.close();
    const db = new Database(path, { readonly: true });
    const tracesBytes = db.prepare('SELECT SUM(LENGTH(trace)) AS n FROM turns').get() as { n: number };
    const texts = db.prepare('SELECT COUNT(*) AS n FROM trace_texts').get() as { n: number };
    db.close();
    expect(texts.n).toBe(1);
    // 100 × 12 KB inline would be 1.2 MB; each row keeps a reference.
    expect(tracesBytes.n).toBeLessThan(100 * 200);
  });
});

describe('the conversation port beside the inbound queue on one SQLite connection', () => {
  it("waits out another process's lock for a turn's write right after an ack that gives up on it", async () => {
    const path = tempDbPath();
    const stores = await openStores(path);
    if (stores.storage.kind !== 'sqlite') throw new Error('expected SQLite');
    const queue = new SqliteInboundQueue(stores.storage.db);
    await queue.enqueue(message('1', 0));
    // The lock comes from another thread, as a backup or `sqlite3 … BEGIN IMMEDIATE` would take it.
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.path);
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, workerData.holdMs);`,
      {
        eval: true,
        workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path, holdMs: 1_000 },
      },
    );
    await once(holder, 'message');
    // The ack waits its short timeout and says "locked" (the webhook answers 503)…
    await expect(queue.enqueue(message('2', 0))).rejects.toThrow(StoreUnavailableError);
    // …and the turn's write after it still waits for the lock to go, instead of failing with it.
    await stores.conversations.saveTurn({
      conversationId: 'c-after-ack',
      trackingId: 't-after-ack',
      customerText: 'Hola, soy Ana',
      agentText: '¡Hola Ana!',
      profile: { ...emptyProfile(), name: 'Ana' },
      trace: { trackingId: 't-after-ack' },
      leads: [],
    });
    expect((await stores.conversations.get('c-after-ack'))?.profile.name).toBe('Ana');
    await once(holder, 'exit');
    await queue.close();
    await stores.close();
  });
});
