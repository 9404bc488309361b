/**
 * Tests against a real PostgreSQL: `.ci/run` starts one and sets KAVAK_TEST_PG_URL; elsewhere
 * `eval "$(scripts/dev-postgres.sh start)"` does the same. Without it these suites are skipped,
 * said once per process in one loud line, so a skip is never mistaken for a pass.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

export const SKIP_LINE =
  'PostgreSQL tests skipped: set KAVAK_TEST_PG_URL (eval "$(scripts/dev-postgres.sh start)")';

/** The test server's URL, or undefined when none is configured. */
export function postgresUrl(): string | undefined {
  return process.env.KAVAK_TEST_PG_URL?.trim() || undefined;
}

/** `describe` that runs against the test server, or is skipped (with the loud line) without one. */
export function describePostgres(name: string, fn: () => void): void {
  if (postgresUrl()) {
    describe(name, fn);
    return;
  }
  // An env marker rather than a module variable: test files get fresh modules, not fresh processes.
  if (!process.env.KAVAK_TEST_PG_SKIP_SAID) {
    process.env.KAVAK_TEST_PG_SKIP_SAID = '1';
    process.stderr.write(`\n⚠ ${SKIP_LINE}\n\n`);
  }
  describe.skip(name, fn);
}

export interface FreshSchema {
  /** kavak_t_<random>; set at once. */
  readonly name: string;
  /** The server URL with this schema as the search_path; set before the file's tests run. */
  readonly url: string;
}

/**
 * A schema of this test file's own, created before its tests and dropped after them, so files
 * run in parallel against one server. Call inside `describePostgres`.
 */
export function freshSchema(): FreshSchema {
  const name = `kavak_t_${randomBytes(6).toString('hex')}`;
  const schema = { name, url: '' };
  beforeAll(async () => {
    const url = requiredUrl();
    await onServer(url, `CREATE SCHEMA ${name}`);
    schema.url = withSearchPath(url, name);
  });
  afterAll(async () => {
    await onServer(requiredUrl(), `DROP SCHEMA IF EXISTS ${name} CASCADE`);
  });
  return schema;
}

/** Every connection made with this URL resolves unqualified table names in `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function requiredUrl(): string {
  const url = postgresUrl();
  if (!url) throw new Error(SKIP_LINE);
  return url;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
