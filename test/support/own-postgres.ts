/**
 * A PostgreSQL 15 server of the test's own (scripts/dev-postgres.sh with a port and state file of
 * its own), for the tests that stop and start the server under kavak: the shared
 * KAVAK_TEST_PG_URL server must never go down under other suites. As root (CI) the script runs
 * the server as the `postgres` user. Without PostgreSQL 15 installed these suites are skipped with
 * one loud line.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe } from 'vitest';

const PG_CTL = '/usr/lib/postgresql/15/bin/pg_ctl';
const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/dev-postgres.sh');
const run = promisify(execFile);

export const OWN_POSTGRES_SKIP_LINE = `PostgreSQL restart tests skipped: PostgreSQL 15 is not installed (${PG_CTL} missing; apt-get install postgresql-15)`;

/** `describe` that runs when PostgreSQL 15 can be started here, or is skipped loudly. */
export function describeWithOwnPostgres(name: string, fn: () => void): void {
  if (existsSync(PG_CTL)) {
    describe(name, fn);
    return;
  }
  process.stderr.write(`\n⚠ ${OWN_POSTGRES_SKIP_LINE}\n\n`);
  describe.skip(name, fn);
}

export interface OwnPostgres {
  /** postgres://kavak:…@127.0.0.1:<port>/kavak_test */
  readonly url: string;
  /** Stops the server (pg_ctl stop -m fast), keeping its data: the outage starts when it resolves. */
  down(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  up(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/**
 * Starts a throwaway server; the first port tried is `firstPort` (the script walks up to a free
 * one). By default a random one of 55000–58999: a second copy of the suite running beside this one
 * then rarely walks the same ports, and a port freed by `down()` stays ours until `up()`.
 */
export async function startOwnPostgres(
  firstPort = 55_000 + Math.floor(Math.random() * 4_000),
): Promise<OwnPostgres> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kavak-own-pg-'));
  const env = {
    ...process.env,
    KAVAK_PG_PORT: String(firstPort),
    KAVAK_PG_STATE: join(stateDir, 'pg.env'),
  };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, timeout: 120_000 });
  const { stdout } = await script('start');
  const url = /KAVAK_TEST_PG_URL=(\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`scripts/dev-postgres.sh start printed no URL: ${stdout}`);
  return {
    url,
    down: async () => void (await script('down')),
    up: async () => void (await script('up')),
    remove: async () => {
      await script('stop');
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
