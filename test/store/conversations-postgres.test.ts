import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config/load-config.js';
import { createApp } from '../../src/app/create-app.js';
import { openStores } from '../../src/app/stores.js';
import { KavakError } from '../../src/support/errors.js';
import { migratePostgres, postgresMigrationStatus } from '../../src/store/postgres/migrate.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations/index.js';
import { describeWithPostgres, freshDatabase, testPool } from '../support/pg-url.js';
import { conversationStoreContract } from './conversations.contract.js';

describeWithPostgres('the conversation port on PostgreSQL (a real server)', (serverUrl) => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase(serverUrl);
  });
  afterAll(async () => {
    await database?.drop();
  });

  conversationStoreContract(async () => {
    const stores = await openStores(database.url);
    expect(stores.storage.kind).toBe('postgres');
    return { store: stores.conversations, close: () => stores.close() };
  });

  it('runs a turn of the real pipeline on it when --db is a postgres:// URL, and closes its pool', async () => {
    const app = await createApp(loadConfig({ runtime: 'offline', db: database.url }, {}));
    expect(app.storage.kind).toBe('postgres');
    const result = await app.pipeline.runTurn({ message: 'Hola, soy Ana, busco un Versa' });
    const history = await app.conversations.history(result.conversationId, 10);
    expect(history.map((m) => m.text)).toEqual(['Hola, soy Ana, busco un Versa', result.reply]);
    expect((await app.conversations.get(result.conversationId))?.profile.name).toBe('Ana');
    expect(await app.conversations.turnReply(result.trackingId)).toEqual({
      reply: result.reply,
      messages: result.messages,
    });
    await app.close();
    await expect(app.conversations.get(result.conversationId)).rejects.toThrow(/closed/);
  });

  it('migrates once when replicas start at the same moment, and then has nothing to do', async () => {
    const fresh = await freshDatabase(serverUrl);
    const pools = [1, 2, 3].map(() => testPool({ connectionString: fresh.url }));
    try {
      const applied = await Promise.all(pools.map((pool) => migratePostgres(pool, 'test')));
      expect(applied.flat()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(await migratePostgres(pools[0]!, 'test')).toEqual([]);
      const ledger = await pools[0]!.query('SELECT version, name FROM kavak_migrations ORDER BY version');
      expect(ledger.rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(await postgresMigrationStatus(pools[0]!, 'test')).toEqual({
        current: POSTGRES_MIGRATIONS.length,
        latest: POSTGRES_MIGRATIONS.length,
        pending: [],
      });
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await fresh.drop();
    }
  });

  it('refuses a database a newer kavak migrated, saying to upgrade', async () => {
    const fresh = await freshDatabase(serverUrl);
    const pool = testPool({ connectionString: fresh.url });
    try {
      await migratePostgres(pool, 'test');
      await pool.query("INSERT INTO kavak_migrations (version, name) VALUES (999, 'from_the_future')");
      const error = await openStores(fresh.url).catch((failure: unknown) => failure);
      expect(KavakError.is(error)).toBe(true);
      expect((error as KavakError).message).toMatch(/newer kavak \(schema 999; this kavak knows up to \d+\)/);
      expect((error as KavakError).hint).toMatch(/Upgrade kavak/);
    } finally {
      await pool.end();
      await fresh.drop();
    }
  });

  it('says how to reach the server, without its password, when nothing listens there', async () => {
    const stores = await openStores('postgres://kavak:s3cret-pw@127.0.0.1:1/kavak', { migrate: false });
    try {
      const error = await stores.conversations.get('c_x').catch((failure: unknown) => failure);
      expect(KavakError.is(error)).toBe(true);
      const { message, hint } = error as KavakError;
      expect(message).toMatch(/Cannot reach PostgreSQL at postgres:\/\/kavak:\*\*\*@127\.0\.0\.1:1\/kavak/);
      expect(hint).toMatch(/server is running/);
      expect(`${message} ${hint}`).not.toContain('s3cret-pw');
    } finally {
      await stores.close();
    }
    await expect(openStores('postgres://kavak:s3cret-pw@127.0.0.1:1/kavak')).rejects.toThrow(
      /Cannot reach PostgreSQL at postgres:\/\/kavak:\*\*\*@/,
    );
  });

  it('keeps profiles and traces as JSONB and times as timestamptz, behind indexes', async () => {
    const pool = testPool({ connectionString: database.url });
    try {
      const columns = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name IN ('profile', 'trace', 'created_at')`,
      );
      for (const column of columns.rows) {
        expect(column.data_type).toBe(
          column.column_name === 'created_at' ? 'timestamp with time zone' : 'jsonb',
        );
      }
      // On a few test rows a sequential scan is cheaper; forbid it to see which index serves history().
      const client = await pool.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const plan = await client.query(
          `EXPLAIN SELECT id FROM messages WHERE conversation_id = 'c' ORDER BY id DESC LIMIT 10`,
        );
        expect(JSON.stringify(plan.rows)).toMatch(/messages_by_conversation/);
      } finally {
        client.release(true);
      }
    } finally {
      await pool.end();
    }
  });
});
