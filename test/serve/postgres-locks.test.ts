/**
 * Issue 11, point 6: an outside session holding `LOCK TABLE … IN ACCESS EXCLUSIVE MODE` on one
 * PostgreSQL database shared by three real `kavak serve` replicas.
 * - On a table only the workers write (conversations, pg-boss's job table: an ack stores its
 *   message alone and the next claim schedules its job): answers wait, acks do not. Every webhook
 *   to every replica is acknowledged while the lock is still held, /healthz answers, and once it
 *   is released every message is answered.
 * - On inbound_messages, where acks store: nothing can be stored, so the ack must say so in time
 *   — 503 within Twilio's 15 s (the ack's lock_timeout), not a request that hangs for ever — and
 *   Twilio's retries after the release are stored and answered.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { eventually } from '../helpers/eventually.js';
import {
  startFakeTwilioServer,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type FakeTwilioServer,
} from './helpers/fake-twilio-server.js';
import { startServeProcess, type ServeProcess } from './helpers/serve-process.js';

const CUSTOMERS = 9;
const PER_CUSTOMER = 2;
/** Twilio gives up on a webhook after 15 s: an ack must come back within that. */
const TWILIO_DEADLINE_MS = 15_000;

describeWithPostgres('a table lock held by an outside session, under three replicas', (url) => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let twilio: FakeTwilioServer;
  let admin: pg.Client;
  const replicas: ServeProcess[] = [];

  beforeAll(async () => {
    schema = await freshSchema(url);
    twilio = await startFakeTwilioServer();
    // One at a time: the first creates the tables and pg-boss's schema.
    for (let i = 0; i < 3; i++)
      replicas.push(
        await startServeProcess(['--db', schema.url, '--concurrency', '4', '--lease-ms', '10000'], {
          TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
          KAVAK_TWILIO_API_URL: twilio.url,
        }),
      );
    admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
  }, 180_000);

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    await admin?.end();
    await twilio?.close();
    await schema?.drop();
  });

  /** Takes the lock in a session of its own and holds it until `release`. */
  async function lockTables(
    tables: string,
  ): Promise<{ held: () => Promise<boolean>; release: () => Promise<void> }> {
    const session = new pg.Client({ connectionString: schema.url });
    await session.connect();
    await session.query('BEGIN');
    await session.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
    const pid = (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    return {
      // Asked on another connection: the lock is granted to that session right now.
      held: async () =>
        (
          await admin.query(
            `SELECT 1 FROM pg_locks WHERE pid = $1 AND mode = 'AccessExclusiveLock' AND granted AND locktype = 'relation'`,
            [pid],
          )
        ).rowCount! > 0,
      release: async () => {
        await session.query('COMMIT');
        await session.end();
      },
    };
  }

  const customer = (run: number, c: number) => `+5215560${run}${String(c).padStart(5, '0')}`;
  const sid = (run: number, c: number, n: number) =>
    `SM${run}${String(c).padStart(4, '0')}${String(n).padStart(27, '0')}`;

  /** Each customer's messages one after another (as WhatsApp sends them), customers in parallel. */
  async function postAll(run: number): Promise<number[]> {
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, c) => {
        for (let n = 0; n < PER_CUSTOMER; n++) {
          const answer = await postTwilioWebhook({
            url: replicas[(c + n) % replicas.length]!.webhookUrl,
            authToken: TEST_AUTH_TOKEN,
            form: twilioWebhookForm({
              body: `Hola, busco un Jetta (${n})`,
              from: customer(run, c),
              messageSid: sid(run, c, n),
            }),
            timeoutMs: TWILIO_DEADLINE_MS,
          });
          statuses.push(answer.status);
        }
      }),
    );
    return statuses;
  }

  async function healthzEverywhere(): Promise<number[]> {
    return Promise.all(
      replicas.map(async (replica) => {
        const response = await fetch(new URL('/healthz', replica.webhookUrl), {
          signal: AbortSignal.timeout(TWILIO_DEADLINE_MS),
        });
        return response.status;
      }),
    );
  }

  /** Every message of the run replied, and each customer got one reply per message. */
  async function everyMessageAnswered(run: number): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await admin.query<{ status: string }>(
          `SELECT status FROM inbound_messages WHERE external_id LIKE $1`,
          [`SM${run}%`],
        );
        return rows.length === CUSTOMERS * PER_CUSTOMER && rows.every((row) => row.status === 'replied');
      },
      120_000,
      `every message of run ${run} replied`,
    );
    for (let c = 0; c < CUSTOMERS; c++)
      expect(twilio.to(`whatsapp:${customer(run, c)}`).length).toBeGreaterThanOrEqual(PER_CUSTOMER);
  }

  for (const [run, table] of [
    [1, 'conversations'],
    [2, 'the pg-boss job table'],
  ] as const) {
    it(
      `on ${table}: every replica acks every webhook while the lock is held; answers follow its release`,
      { timeout: 180_000 },
      async () => {
        const lock = await lockTables(run === 1 ? 'conversations' : `${schema.schema}_boss.job`);
        try {
          const sentBefore = twilio.messages.length;
          const startedAt = Date.now();
          const statuses = await postAll(run);
          const health = await healthzEverywhere();
          const ackedInMs = Date.now() - startedAt;
          // The condition, not a timer: all of it came back while the lock was (and still is) held.
          expect(await lock.held()).toBe(true);
          expect(statuses).toEqual(Array.from({ length: CUSTOMERS * PER_CUSTOMER }, () => 200));
          expect(health).toEqual([200, 200, 200]);
          // The lock was in the workers' way: no turn could finish (or, on pg-boss's table, start) while it was held.
          expect(twilio.messages.length).toBe(sentBefore);
          console.info(`lock on ${table}: ${statuses.length} acks and 3 /healthz in ${ackedInMs} ms`);
        } finally {
          await lock.release();
        }
        await everyMessageAnswered(run);
      },
    );
  }

  it(
    "on inbound_messages: acks fail with 503 within Twilio's deadline, /healthz answers, Twilio's retries are answered after the release",
    { timeout: 180_000 },
    async () => {
      const run = 3;
      const lock = await lockTables('inbound_messages');
      try {
        const startedAt = Date.now();
        const statuses = await postAll(run);
        const health = await healthzEverywhere();
        const refusedInMs = Date.now() - startedAt;
        expect(await lock.held()).toBe(true);
        expect(statuses).toEqual(Array.from({ length: CUSTOMERS * PER_CUSTOMER }, () => 503));
        expect(health).toEqual([200, 200, 200]);
        console.info(`lock on inbound_messages: ${statuses.length} acks refused (503) in ${refusedInMs} ms`);
      } finally {
        await lock.release();
      }
      // Twilio sends each one again: stored now, and answered.
      expect(await postAll(run)).toEqual(Array.from({ length: CUSTOMERS * PER_CUSTOMER }, () => 200));
      await everyMessageAnswered(run);
    },
  );
});
