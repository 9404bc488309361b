import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { CLI_RUN_TIMEOUT_MS, runKavak } from '../helpers/run-kavak.js';
import { describeWithPostgres, freshDatabase } from '../support/pg-url.js';

const RUNS = { timeout: 4 * CLI_RUN_TIMEOUT_MS };
const SQLITE_LATEST = SQLITE_MIGRATIONS.length;
const PG_LATEST = POSTGRES_MIGRATIONS.length;

describe('kavak db on SQLite', RUNS, () => {
  it('status leaves a missing file alone; migrate applies every version once; status then says up to date', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kavak-db-cli-')), 'kavak.db');
    const before = await runKavak(['db', 'status', '--db', db]);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('No database file yet');
    expect(existsSync(db)).toBe(false);

    const migrated = await runKavak(['db', 'migrate', '--db', db]);
    expect(migrated).toMatchObject({ code: 0, stderr: '' });
    const all = Array.from({ length: SQLITE_LATEST }, (_, i) => i + 1).join(', ');
    expect(migrated.stdout).toContain(
      `Applied migrations ${all}; schema version ${SQLITE_LATEST} of ${SQLITE_LATEST}.`,
    );

    const again = await runKavak(['db', 'migrate'], { env: { KAVAK_DB: db } });
    expect(again.stdout).toContain('nothing to apply');
    const status = await runKavak(['--db', db, 'db', 'status']);
    expect(status.stdout).toContain(`Schema version ${SQLITE_LATEST} of ${SQLITE_LATEST}: up to date.`);
  });
});

describeWithPostgres('kavak db on PostgreSQL', (serverUrl) => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase(serverUrl);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('status shows what is pending, migrate applies it, and neither prints the password', RUNS, async () => {
    // CI's server checks passwords; a trusting one gets a password it ignores.
    const url = new URL(database.url);
    if (!url.password) url.password = 'never-printed-pw';
    const withPassword = url.toString();
    const password = decodeURIComponent(url.password);

    const status = await runKavak(['db', 'status', '--db', withPassword]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Schema version 0 of ${PG_LATEST}; pending: 1 conversations`);
    expect(status.stdout).toContain(':***@');

    const migrated = await runKavak(['db', 'migrate'], { env: { KAVAK_DB: withPassword } });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(`schema version ${PG_LATEST} of ${PG_LATEST}`);
    const after = await runKavak(['db', 'status', '--db', withPassword]);
    expect(after.stdout).toContain(`Schema version ${PG_LATEST} of ${PG_LATEST}: up to date.`);

    const unreachable = await runKavak([
      'db',
      'status',
      '--db',
      'postgres://kavak:never-printed-pw@127.0.0.1:1/kavak',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Cannot reach PostgreSQL at postgres://kavak:***@127.0.0.1:1/kavak');
    for (const run of [status, migrated, after, unreachable]) {
      expect(`${run.stdout}${run.stderr}`).not.toContain('never-printed-pw');
      expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    }
  });
});
