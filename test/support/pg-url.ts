/**
 * The PostgreSQL the tests may use: KAVAK_TEST_PG_URL (CI's .ci/run starts one). Without it the
 * PostgreSQL suites skip, saying so in one loud line. (test/support/postgres.ts, from the infra
 * branch, takes this over when it lands.)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

export function postgresTestUrl(): string | undefined {
  return process.env.KAVAK_TEST_PG_URL?.trim() || undefined;
}

/** `describe` when KAVAK_TEST_PG_URL is set; otherwise a skipped suite and one warning line. */
export function describeWithPostgres(name: string, suite: (url: string) => void): void {
  const url = postgresTestUrl();
  if (!url) {
    console.warn(`!!! SKIPPED (no PostgreSQL): ${name}. Set KAVAK_TEST_PG_URL=postgres://… to run it.`);
    describe.skip(name, () => undefined);
    return;
  }
  describe(name, () => suite(url));
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
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
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
