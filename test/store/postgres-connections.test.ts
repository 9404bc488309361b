/**
 * What every kavak connection to PostgreSQL carries (timeouts, so nothing waits for ever), and
 * the queue's LISTEN connection coming back after the server dropped it (a restart, a failover,
 * an administrator's pg_terminate_backend): before, the wake-ups were lost for good.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { PostgresInboundQueue } from '../../src/store/postgres/inbound-queue.js';
import { postgresPoolConfig } from '../../src/store/postgres/pool.js';
import { eventually } from '../helpers/eventually.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { message } from './inbound-queue.contract.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describeWithPostgres('PostgreSQL connections', (url) => {
  it('carry a statement and idle-in-transaction timeout; a URL parameter overrides them', async () => {
    const settings = async (connectionString: string) => {
      const pool = new pg.Pool(postgresPoolConfig(connectionString, 1));
      try {
        const { rows } = await pool.query<{ statement: string; idle: string }>(
          `SELECT current_setting('statement_timeout') AS statement,
                  current_setting('idle_in_transaction_session_timeout') AS idle`,
        );
        return rows[0];
      } finally {
        await pool.end();
      }
    };
    expect(await settings(url)).toEqual({ statement: '30s', idle: '1min' });
    const override = new URL(url);
    override.searchParams.set('statement_timeout', '120000');
    expect(await settings(override.toString())).toEqual({ statement: '2min', idle: '1min' });
  });

  it(
    'listens again after the server ends the LISTEN connection: wake-ups keep coming',
    { timeout: 60_000 },
    async () => {
      const schema = await freshSchema(url);
      cleanups.push(() => schema.drop());
      const open = (connectionString: string) =>
        PostgresInboundQueue.open({ connectionString, bossSchema: `${schema.schema}_boss` });
      // Named, to tell its connections from other suites' on the same server.
      const name = `kavak-listen-${schema.schema}`;
      const named = new URL(schema.url);
      named.searchParams.set('application_name', name);
      const listening = await open(named.toString());
      cleanups.push(() => listening.close());
      const sender = await open(schema.url);
      cleanups.push(() => sender.close());
      let wakeups = 0;
      listening.onWork(() => (wakeups += 1));

      const admin = new pg.Client({ connectionString: schema.url });
      await admin.connect();
      cleanups.push(() => admin.end());
      const listenerPids = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %kavak_inbound%' AND application_name = $1`,
            [name],
          )
        ).rows.map((row) => row.pid);

      const [first] = await eventually(
        async () => {
          const pids = await listenerPids();
          return pids.length === 1 ? pids : undefined;
        },
        20_000,
        'the LISTEN connection',
      );
      await sender.enqueue(message('c1', 1));
      await eventually(() => wakeups >= 1, 20_000, 'a wake-up');

      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      await eventually(
        async () => {
          const pids = await listenerPids();
          return pids.length === 1 && pids[0] !== first;
        },
        20_000,
        'a new LISTEN connection',
      );
      const before = wakeups;
      await sender.enqueue(message('c2', 1));
      await eventually(() => wakeups > before, 20_000, 'a wake-up after the reconnect');
    },
  );
});
