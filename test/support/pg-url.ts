import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { describePostgres, postgresUrl, withSearchPath } from './postgres.js';

/**
 * Helpers for suites that need the server's URL itself (a database or schema of their own, real
 * `kavak` processes), on top of test/support/postgres.ts: the same KAVAK_TEST_PG_URL, the same
 * loud line when it is missing.
 */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  describePostgres(name, () => body(postgresUrl()!));
}

/**
 * A database of its own on the test server (every table and the migration ledger fresh), and
 * the function that drops it. Test files never see each other's rows.
 */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kavak_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty schema, and a URL whose connections use it (search_path); drop() removes it. */
export async function freshSchema(
  url: string,
): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: withSearchPath(url, schema),
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A pool for a test's own queries. `pool.end()` resolves before its last connection has closed on
 * the server, so a database dropped WITH (FORCE) right after can still terminate one (FATAL
 * 57P01); pg re-emits that as the pool's 'error', uncaught without a listener. The product's
 * pools have theirs (src/store/postgres/pool.ts); a test's pool needs one too.
 */
export function testPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}

/** A fresh schema (see freshSchema) with every kavak migration applied. */
export async function freshMigratedSchema(
  url: string,
): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = await freshSchema(url);
  const pool = testPool({ connectionString: schema.url });
  try {
    await migratePostgres(pool, 'the test database');
  } finally {
    await pool.end();
  }
  return schema;
}
