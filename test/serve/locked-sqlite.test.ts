/**
 * Issue 11: an outside process holding a write lock on serve's SQLite file (a backup, a
 * `sqlite3 kavak.db 'BEGIN EXCLUSIVE'` left open). better-sqlite3 is synchronous, so waiting out
 * the 5 s busy timeout froze the whole process: webhooks answered 500 after 5–10 s and /healthz
 * stalled with them. Now the ack (and the worker's poll) waits a short busy timeout: the webhook
 * answers 503 + Retry-After while the lock is held, /healthz keeps answering, and once the lock
 * is gone Twilio's retries are stored and answered — nothing acknowledged is lost.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { startFakeTwilioServer, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { tempDbPath } from './helpers/queue-harness.js';
import { startServeProcess } from './helpers/serve-process.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOCKED_MESSAGES = 8;
const customer = (c: number) => `+52155400${String(c).padStart(5, '0')}`;
const sid = (c: number) => `SM${String(c).padStart(32, '0')}`;

describe('kavak serve on a SQLite file another process has locked', () => {
  it(
    'answers 503 + Retry-After at once, keeps /healthz up, and loses nothing',
    { timeout: 120_000 },
    async () => {
      const twilio = await startFakeTwilioServer();
      cleanups.push(() => twilio.close());
      const file = tempDbPath();
      const server = await startServeProcess(['--db', file, '--model-rpm', '0'], {
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        KAVAK_TWILIO_API_URL: twilio.url,
      });
      cleanups.push(() => void server.child.kill('SIGKILL'));
      const post = (c: number) =>
        postTwilioWebhook({
          url: server.webhookUrl,
          authToken: TEST_AUTH_TOKEN,
          form: twilioWebhookForm({ body: 'Hola, busco un Jetta', from: customer(c), messageSid: sid(c) }),
          // Twilio's own deadline: an ack later than this is no ack.
          timeoutMs: 15_000,
        });
      const healthz = new URL('/healthz', server.webhookUrl).toString();

      // Acknowledged before the lock: answered, whatever happens next.
      expect((await post(0)).status).toBe(200);
      await twilio.waitForMessages(1, 60_000);

      const outside = new Database(file);
      cleanups.push(() => void outside.close());
      outside.exec('BEGIN EXCLUSIVE');
      const lockedAt = Date.now();
      const locked = await Promise.all([
        ...Array.from({ length: LOCKED_MESSAGES }, (_, i) => post(i + 1)),
        ...Array.from({ length: 4 }, () => fetch(healthz, { signal: AbortSignal.timeout(15_000) })),
      ]);
      // All of them answered while the lock is still held (it is released only below).
      expect(outside.inTransaction).toBe(true);
      // The measured figure, for the report (no bound here: a busy machine is slower).
      console.info(
        `locked file: ${LOCKED_MESSAGES} acks and 4 /healthz answered in ${Date.now() - lockedAt} ms`,
      );
      const acks = locked.slice(0, LOCKED_MESSAGES) as Awaited<ReturnType<typeof post>>[];
      for (const ack of acks) {
        expect(ack.status).toBe(503);
        expect(ack.headers.get('retry-after')).toBe('1');
      }
      for (const health of locked.slice(LOCKED_MESSAGES) as Response[]) expect(health.status).toBe(200);
      expect(twilio.messages).toHaveLength(1);
      outside.exec('COMMIT');

      // Twilio sends each refused message again: now stored and answered, once each.
      for (let c = 1; c <= LOCKED_MESSAGES; c++) expect((await post(c)).status).toBe(200);
      await twilio.waitForMessages(1 + LOCKED_MESSAGES, 60_000);
      for (let c = 0; c <= LOCKED_MESSAGES; c++) expect(twilio.to(`whatsapp:${customer(c)}`)).toHaveLength(1);
      expect(server.logs.join('\n')).toMatch(/webhook_store_unavailable/);
    },
  );
});
