import { existsSync, mkdtempSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startBackgroundCheckpoints,
  type BackgroundCheckpoints,
  type CheckpointPass,
} from '../../src/store/sqlite/background-checkpoints.js';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { eventually } from '../helpers/eventually.js';
import { message } from './inbound-queue.contract.js';

const PAGE = 4096;

describe('SQLite checkpoints in a background thread', () => {
  let db: Db | undefined;
  let checkpoints: BackgroundCheckpoints | undefined;
  afterEach(async () => {
    await checkpoints?.stop();
    if (db?.open) db.close();
    db = undefined;
    checkpoints = undefined;
  });

  const open = () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kavak-checkpoints-')), 'kavak.db');
    db = openDatabase(path);
    return { path, db, queue: new SqliteInboundQueue(db) };
  };
  /** The WAL's frames and how many are in the database file, asked on a connection of its own. */
  const walState = (path: string) => {
    const other = new Database(path);
    const [row] = other.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    other.close();
    return row!;
  };

  it("leaves checkpoints to the thread: the serve's own commits never run one below the safety net", async () => {
    const { path, db, queue } = open();
    // An idle thread: whatever gets checkpointed now would be the commits' own doing.
    checkpoints = startBackgroundCheckpoints(db, { intervalMs: 60_000 });
    for (let n = 0; n < 400; n++) await queue.enqueue(message(String(n), 0));
    // SQLite's default checkpoints in the commit that passes 1,000 pages (and then starts the
    // WAL over); here the commits went on appending.
    expect(walState(path).log).toBeGreaterThan(2_000);
    await checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('keeps the WAL bounded under writes that never stop', async () => {
    const { path, db, queue } = open();
    const passes: CheckpointPass[] = [];
    const safetyNetPages = 1_500;
    checkpoints = startBackgroundCheckpoints(db, {
      intervalMs: 25,
      safetyNetPages,
      onPass: (pass) => passes.push(pass),
    });
    // ~9 pages a message: some 13,000 pages written in a tight loop, most while the thread copies.
    for (let n = 0; n < 1_500; n++) await queue.enqueue(message(String(n), 0));
    await eventually(() => passes.some((pass) => pass.checkpointed > 0));
    // The file never shrinks: its size is the most the WAL ever held. The commits checkpoint once
    // past the safety net, or a few commits later when the thread was copying at that moment.
    expect(statSync(`${path}-wal`).size).toBeLessThan((safetyNetPages + 2_000) * (PAGE + 24));
  });

  it('stops before the database closes, so the last close checkpoints and removes the WAL', async () => {
    const { path, db, queue } = open();
    checkpoints = startBackgroundCheckpoints(db, { intervalMs: 60_000 });
    for (let n = 0; n < 200; n++) await queue.enqueue(message(String(n), 0));
    await checkpoints.stop();
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) FROM inbound_messages').pluck().get()).toBe(200);
    reopened.close();
  });

  it("falls back to SQLite's own checkpoints when the thread cannot run", async () => {
    const { path, db } = open();
    // The thread opens the file by its name: moved away, it finds nothing there.
    renameSync(path, `${path}.moved`);
    const errors: Error[] = [];
    checkpoints = startBackgroundCheckpoints(db, { onError: (error) => errors.push(error) });
    await eventually(() => errors.length > 0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('needs no thread for a database in memory', async () => {
    db = openDatabase(':memory:');
    checkpoints = startBackgroundCheckpoints(db);
    await checkpoints.stop();
    expect(db.open).toBe(true);
  });
});
