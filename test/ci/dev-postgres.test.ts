/**
 * scripts/dev-postgres.sh for real (what .ci/run and developers use): start gives an `export`
 * line whose URL reaches a server, `url` repeats it, `stop` stops the server and deletes its data.
 * A port another process binds between the free-port check and the server's bind (a second copy
 * of the suite beside this one) moves the server to the next port instead of failing the start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';

const PG_CTL = '/usr/lib/postgresql/15/bin/pg_ctl';
const script = join(packageRoot(), 'scripts/dev-postgres.sh');

function devPostgres(command: string, env: Record<string, string>) {
  return spawnSync('bash', [script, command], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.skipIf(!existsSync(PG_CTL))('scripts/dev-postgres.sh', () => {
  it('starts a throwaway PostgreSQL 15 that a password role can use, and stop deletes it', async () => {
    // A state file of its own and another first port, so a developer's running server is untouched.
    const env = {
      KAVAK_PG_STATE: join(mkdtempSync(join(tmpdir(), 'kavak-devpg-test-')), 'state'),
      KAVAK_PG_PORT: '54379',
    };
    const started = devPostgres('start', env);
    try {
      expect(started.status, started.stderr).toBe(0);
      const exported =
        /^export KAVAK_TEST_PG_URL=(postgres:\/\/kavak:[0-9a-f]{32}@127\.0\.0\.1:\d+\/kavak_test)$/.exec(
          started.stdout.trim(),
        );
      expect(exported, started.stdout).not.toBeNull();
      const url = exported![1]!;
      expect(devPostgres('url', env).stdout.trim()).toBe(url);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      await client.end();
      expect(rows).toEqual([{ db: 'kavak_test' }]);

      const dataDir = /data in (\S+)\)/.exec(started.stderr)![1]!;
      expect(existsSync(dataDir)).toBe(true);
      expect(devPostgres('stop', env).status).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
      expect(devPostgres('url', env).status).toBe(1);
      await expect(new pg.Client({ connectionString: url }).connect()).rejects.toThrow();
    } finally {
      devPostgres('stop', env);
    }
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    'moves to the next free port when the one it picked is bound before the server binds it',
    { timeout: 120_000 },
    async () => {
      const port = 54391;
      // Bound without listening: a connect is refused (the port looks free to the script's check),
      // but the server's bind fails, as when another process takes the port between the two.
      const holder = spawn(
        'python3',
        [
          '-c',
          `import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',${port}))\nprint('bound',flush=True)\nsys.stdin.read()`,
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const env = {
        KAVAK_PG_STATE: join(mkdtempSync(join(tmpdir(), 'kavak-devpg-race-')), 'state'),
        KAVAK_PG_PORT: String(port),
      };
      try {
        const [line] = (await once(holder.stdout, 'data')) as [Buffer];
        expect(line.toString()).toContain('bound');
        const started = devPostgres('start', env);
        expect(started.status, started.stderr).toBe(0);
        expect(started.stderr).toContain('port taken meanwhile');
        const url = new URL(/KAVAK_TEST_PG_URL=(\S+)/.exec(started.stdout)![1]!);
        expect(Number(url.port)).toBeGreaterThan(port);
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        await client.end();
      } finally {
        devPostgres('stop', env);
        holder.kill();
      }
    },
  );
});
