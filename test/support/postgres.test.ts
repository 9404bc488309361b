/** The PostgreSQL test support against the real server: connecting, and one schema per test file. */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describePostgres, freshSchema, postgresUrl } from './postgres.js';

async function query<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const schemaExists = async (name: string) =>
  (await query(postgresUrl()!, 'SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])).length === 1;

describePostgres('PostgreSQL test support', () => {
  let mine = '';
  // Registered before freshSchema's own afterAll, so (hooks run as a stack) it runs after the drop.
  afterAll(async () => {
    expect(await schemaExists(mine)).toBe(false);
  });
  const schema = freshSchema();

  it('connects to PostgreSQL 15 or later as a password role over TCP', async () => {
    const [row] = await query<{ version: number; user: string }>(
      postgresUrl()!,
      "SELECT current_setting('server_version_num')::int AS version, current_user AS user",
    );
    expect(row!.version).toBeGreaterThanOrEqual(150000);
    expect(row!.user).not.toBe('postgres');
  });

  it("puts this file's unqualified tables in its own kavak_t_ schema", async () => {
    mine = schema.name;
    expect(schema.name).toMatch(/^kavak_t_[0-9a-f]{12}$/);
    await query(schema.url, 'CREATE TABLE notes (body text NOT NULL)');
    await query(schema.url, "INSERT INTO notes VALUES ('hola')");
    const where = await query<{ table_schema: string }>(
      postgresUrl()!,
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'notes'",
    );
    expect(where.map((r) => r.table_schema)).toContain(schema.name);
    expect(await query(schema.url, 'SELECT body FROM notes')).toEqual([{ body: 'hola' }]);
  });

  describe('another file running at the same time', () => {
    const other = freshSchema();
    it("gets a different schema and does not see the first one's tables", async () => {
      expect(other.name).not.toBe(schema.name);
      await expect(query(other.url, 'SELECT body FROM notes')).rejects.toMatchObject({ code: '42P01' });
    });
  });
});
