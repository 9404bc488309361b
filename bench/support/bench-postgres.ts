import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { REPO } from './node-child.js';

const run = promisify(execFile);

export interface BenchPostgres {
  /** The server's URL (KAVAK_TEST_PG_URL, or the one started here). */
  url: string;
  /** A new empty database on it, for one measured fleet. */
  freshDatabase(name: string): Promise<string>;
  /** Stops the server if this bench started it. */
  stop(): Promise<void>;
}

/**
 * The PostgreSQL the serve-scale bench measures on: KAVAK_TEST_PG_URL when set, else one
 * started with scripts/dev-postgres.sh (its own state file and port) and stopped afterwards.
 */
export async function benchPostgres(log: (message: string) => void): Promise<BenchPostgres> {
  const given = process.env.KAVAK_TEST_PG_URL?.trim();
  let url = given;
  let stop = () => Promise.resolve();
  if (!url) {
    const env = {
      ...process.env,
      KAVAK_PG_PORT: process.env.KAVAK_BENCH_PG_PORT ?? '55490',
      KAVAK_PG_STATE: join(mkdtempSync(join(tmpdir(), 'kavak-bench-pg-')), 'state.env'),
    };
    log('serve-scale: starting PostgreSQL with scripts/dev-postgres.sh (KAVAK_TEST_PG_URL is unset)');
    const started = await run('bash', [join(REPO, 'scripts/dev-postgres.sh'), 'start'], { env });
    url = /export KAVAK_TEST_PG_URL=(\S+)/.exec(started.stdout)?.[1];
    if (!url) throw new Error(`scripts/dev-postgres.sh printed no URL: ${started.stderr}`);
    stop = async () => {
      await run('bash', [join(REPO, 'scripts/dev-postgres.sh'), 'stop'], { env });
    };
  }
  const serverUrl = url;
  return {
    url: serverUrl,
    async freshDatabase(name) {
      const database = `kavak_bench_${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${database}`);
      } finally {
        await admin.end();
      }
      const fresh = new URL(serverUrl);
      fresh.pathname = `/${database}`;
      return fresh.toString();
    },
    stop,
  };
}
