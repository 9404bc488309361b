/**
 * Issue 11, point 6: PostgreSQL stopped and started again under load. Two real `kavak serve`
 * replicas on a PostgreSQL server of the test's own; customers send a stream of signed messages
 * through a sender that behaves like Twilio (a 5xx, a timeout or a refused connection → the same
 * MessageSid again); mid-stream the server goes down, stays down until the sender has seen the
 * outage, and comes back. Nothing restarts the replicas.
 * - While the server is down no webhook answers 200 (a 200 would be a message Twilio forgets
 *   and we never stored); the outage is answered 5xx.
 * - Every acknowledged message is answered in the end, once, or within the README's bound
 *   (one per message a replica had in flight: --concurrency each).
 * - The replicas recover by themselves: pools reconnect, pg-boss and LISTEN resume, /readyz is
 *   green, and SIGTERM still drains them to exit 0.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { eventually } from '../helpers/eventually.js';
import { describeWithOwnPostgres, startOwnPostgres } from '../support/own-postgres.js';
import { startFakeTwilioServer, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { startServeProcess, type ServeProcess } from './helpers/serve-process.js';

const CUSTOMERS = 10;
const PER_CUSTOMER = 10;
const CONCURRENCY = 4;
/** A customer types the next message this long after the last one was acknowledged. */
const TYPING_MS = 250;
/** Twilio's webhook timeout. */
const TWILIO_DEADLINE_MS = 15_000;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One webhook request as the sender saw it: status 0 for no answer (refused, reset, timed out). */
interface Attempt {
  sid: string;
  status: number;
  error?: string;
  startedAt: number;
  answeredAt: number;
}

describeWithOwnPostgres('PostgreSQL restarted under two kavak serve replicas', () => {
  it(
    'answers 5xx while it is down, loses no acknowledged message, and recovers by itself',
    { timeout: 300_000 },
    async () => {
      const server = await startOwnPostgres();
      cleanups.push(() => server.remove());
      const twilio = await startFakeTwilioServer();
      cleanups.push(() => twilio.close());
      const replicas: ServeProcess[] = [];
      let stopping = false;
      // One at a time: the first creates the tables and pg-boss's schema.
      for (let i = 0; i < 2; i++) {
        const replica = await startServeProcess(
          ['--db', server.url, '--concurrency', String(CONCURRENCY), '--lease-ms', '10000'],
          {
            TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
            KAVAK_TWILIO_API_URL: twilio.url,
          },
        );
        cleanups.push(() => void replica.child.kill('SIGKILL'));
        // A replica that dies on its own is the failure this test is about: show why.
        void replica.exited.then(({ code, signal }) => {
          if (!stopping)
            console.error(`replica ${i} exited (${code ?? signal}):\n${replica.logs.slice(-40).join('\n')}`);
        });
        replicas.push(replica);
      }

      const attempts: Attempt[] = [];
      const customer = (c: number) => `+52155700${String(c).padStart(5, '0')}`;
      const sid = (c: number, n: number) => `SM${String(c).padStart(4, '0')}${String(n).padStart(28, '0')}`;
      // Twilio's behaviour: the same signed request again until one answers 2xx.
      const deliver = async (c: number, n: number) => {
        const form = twilioWebhookForm({
          body: `Hola, busco un Jetta (${n})`,
          from: customer(c),
          messageSid: sid(c, n),
        });
        for (let tries = 0; tries < 200; tries++) {
          const startedAt = Date.now();
          let status = 0;
          let error: string | undefined;
          try {
            const answer = await postTwilioWebhook({
              url: replicas[(c + n + tries) % replicas.length]!.webhookUrl,
              authToken: TEST_AUTH_TOKEN,
              form,
              timeoutMs: TWILIO_DEADLINE_MS,
            });
            status = answer.status;
          } catch (failure) {
            // No answer at all: Twilio retries that too.
            error = String((failure as Error).cause ?? failure);
          }
          attempts.push({ sid: sid(c, n), status, error, startedAt, answeredAt: Date.now() });
          if (status === 200) return;
          await sleep(200);
        }
        throw new Error(`message ${n} of customer ${c} was never acknowledged`);
      };
      const stream = Promise.all(
        Array.from({ length: CUSTOMERS }, async (_, c) => {
          for (let n = 0; n < PER_CUSTOMER; n++) {
            await deliver(c, n);
            await sleep(TYPING_MS);
          }
        }),
      );

      const acked = () => attempts.filter((a) => a.status === 200).length;
      await eventually(() => acked() >= 20, 120_000, 'the first 20 acknowledgements');
      await server.down();
      const downAt = Date.now();
      await eventually(
        () => attempts.filter((a) => a.startedAt >= downAt && a.status === 503).length >= 5,
        60_000,
        'five webhooks answered 503 while PostgreSQL is down',
      );
      const upAt = Date.now();
      await server.up();
      await stream;

      const duringOutage = attempts.filter((a) => a.startedAt >= downAt && a.answeredAt <= upAt);
      expect(duringOutage.filter((a) => a.status === 200)).toEqual([]);
      // Answered 5xx (503: the store is unreachable), not left hanging till Twilio's deadline. (A
      // keep-alive connection the server closed just as it was reused is a client-side reset,
      // which Twilio retries like a 5xx; it is counted, not failed.)
      const hung = duringOutage.filter((a) => a.status === 0 && /timeout|abort/i.test(a.error ?? ''));
      expect(hung).toEqual([]);
      expect(duringOutage.filter((a) => a.status !== 0 && a.status < 500)).toEqual([]);
      expect(duringOutage.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(5);

      const db = new pg.Client({ connectionString: server.url });
      await db.connect();
      cleanups.push(() => db.end());
      const rows = await eventually(
        async () => {
          const { rows } = await db.query<{ external_id: string; status: string; sent_part_ids: string[] }>(
            'SELECT external_id, status, sent_part_ids FROM inbound_messages ORDER BY seq',
          );
          return rows.length === CUSTOMERS * PER_CUSTOMER && rows.every((r) => r.status === 'replied')
            ? rows
            : undefined;
        },
        180_000,
        'every acknowledged message replied',
      );
      // Every message acknowledged 200 is stored (none lost), and answered.
      const stored = new Set(rows.map((r) => r.external_id));
      for (const sidAcked of new Set(attempts.filter((a) => a.status === 200).map((a) => a.sid)))
        expect(stored.has(sidAcked)).toBe(true);
      for (let c = 0; c < CUSTOMERS; c++)
        expect(twilio.to(`whatsapp:${customer(c)}`).length).toBeGreaterThanOrEqual(PER_CUSTOMER);
      const recorded = rows.reduce((total, r) => total + r.sent_part_ids.length, 0);
      const duplicates = twilio.messages.length - recorded;
      const outage = attempts.filter((a) => a.startedAt >= downAt && a.startedAt <= upAt);
      console.info(
        `restart proof: ${outage.length} webhooks during the outage (${outage.filter((a) => a.status >= 500).length} 5xx, ${outage.filter((a) => a.status === 0).length} unanswered: ${[...new Set(outage.map((a) => a.error).filter(Boolean))].join('; ')}), ${twilio.messages.length} sends for ${rows.length} messages, ${duplicates} duplicates`,
      );
      expect(duplicates).toBeGreaterThanOrEqual(0);
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY * replicas.length);

      // Recovered by themselves: still the same processes, ready, and they drain on SIGTERM.
      for (const replica of replicas) {
        expect(replica.child.exitCode).toBeNull();
        const ready = await fetch(new URL('/readyz', replica.webhookUrl));
        expect(ready.status).toBe(200);
      }
      stopping = true;
      for (const replica of replicas) replica.child.kill('SIGTERM');
      for (const replica of replicas) expect(await replica.exited).toEqual({ code: 0, signal: null });
    },
  );
});
