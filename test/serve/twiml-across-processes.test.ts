/**
 * `--reply twiml` across processes on PostgreSQL: a real `kavak serve --role web` process takes
 * the signed webhook and waits; a real `--role worker` process on the same database makes the
 * reply and hands it over (LISTEN/NOTIFY); the webhook answers with it in TwiML, and nothing goes
 * by REST. A reply that misses the web's deadline goes by REST to the fake Twilio, once. Waits
 * are for conditions: the slow model answers only after the webhook has answered empty.
 */
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { completionReply } from '../helpers/fake-openai-server.js';
import { eventually } from '../helpers/eventually.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { GREETING_INTENTS, startFakeModel } from './helpers/fake-model.js';
import { startFakeTwilioServer, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { startServeProcess, type ServeProcess } from './helpers/serve-process.js';

const REPLY = '¡Hola! Tengo un Jetta 2021 para ti.';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describeWithPostgres('kavak serve --role web --reply twiml with a separate worker process', (url) => {
  it(
    'answers in the TwiML response with the reply the worker made; past the deadline the worker sends it by REST, once',
    { timeout: 180_000 },
    async () => {
      const schema = await freshSchema(url);
      cleanups.push(() => schema.drop());
      const twilio = await startFakeTwilioServer();
      cleanups.push(() => twilio.close());
      // The slow customer's model calls wait for this gate; the test opens it once the webhook answered.
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const model = await startFakeModel({
        answer(request) {
          const structured =
            typeof request.body === 'object' && request.body !== null && 'response_format' in request.body;
          const content = structured ? JSON.stringify(GREETING_INTENTS) : REPLY;
          const slow = JSON.stringify(request.body).includes('lento');
          return { ...completionReply({ content }), after: slow ? gate : undefined };
        },
      });
      cleanups.push(() => model.close());
      const env = {
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        KAVAK_TWILIO_API_URL: twilio.url,
        KAVAK_RUNTIME: 'openai',
        KAVAK_MODEL: 'gpt-4o-mini',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: model.url,
      };
      const start = async (args: string[]): Promise<ServeProcess> => {
        const server = await startServeProcess(['--db', schema.url, ...args], env);
        cleanups.push(() => void server.child.kill('SIGKILL'));
        return server;
      };
      // The web first: it creates the tables and pg-boss's schema.
      const web = await start(['--role', 'web', '--reply', 'twiml', '--twiml-deadline-ms', '8000']);
      const worker = await start(['--role', 'worker', '--model-rpm', '0']);

      const db = new pg.Client({ connectionString: schema.url });
      await db.connect();
      cleanups.push(() => db.end());
      const settled = (from: string) =>
        eventually(
          async () => {
            const result = await db.query<{ status: string; delivery: string | null; reply_parts: string[] }>(
              'SELECT status, delivery, reply_parts FROM inbound_messages WHERE from_address = $1',
              [`whatsapp:${from}`],
            );
            const row = result.rows[0];
            return row && row.status !== 'received' && row.status !== 'processing' ? row : undefined;
          },
          60_000,
          `the message from ${from} settled`,
        );

      const post = (from: string, body: string) =>
        postTwilioWebhook({
          url: web.webhookUrl,
          authToken: TEST_AUTH_TOKEN,
          form: twilioWebhookForm({ body, from }),
        });

      const quick = '+5215540000001';
      const inline = await post(quick, 'Hola, busco un Jetta');
      expect(inline.status).toBe(200);
      const quickRow = await settled(quick);
      expect(quickRow).toMatchObject({ status: 'replied', delivery: 'inline' });
      expect(inline.messages.length).toBeGreaterThan(0);
      expect(inline.messages).toEqual(quickRow.reply_parts);

      const slow = '+5215540000002';
      const late = await post(slow, 'Hola, lento');
      expect(late.status).toBe(200);
      expect(late.messages).toEqual([]);
      openGate();
      await twilio.waitForMessages(1, 60_000);
      const slowRow = await settled(slow);
      expect(slowRow).toMatchObject({ status: 'replied', delivery: 'push' });

      // Exactly one reply each: the inline one never also by REST, the late one once by REST.
      expect(twilio.to(`whatsapp:${quick}`)).toEqual([]);
      expect(twilio.to(`whatsapp:${slow}`).map((m) => m.body)).toEqual(slowRow.reply_parts);
      expect(web.logs.some((line) => line.includes('"twiml_deadline_passed"'))).toBe(true);
      expect(worker.logs.some((line) => line.includes('"turn_done"'))).toBe(true);

      web.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      expect(await web.exited).toEqual({ code: 0, signal: null });
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
  );
});
