/**
 * `kavak serve --role web|worker` as real processes on one SQLite file: the web process stores
 * and acknowledges, the worker answers; each scales apart. (On PostgreSQL the same split runs
 * across hosts; the queue contract covers what differs.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { startFakeTwilioServer, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { tempDbPath } from './helpers/queue-harness.js';
import { runKavak, startServeProcess, type ServeProcess } from './helpers/serve-process.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('kavak serve --role', () => {
  it('web stores and acks without a worker; a worker process on the same database answers', async () => {
    const twilio = await startFakeTwilioServer();
    cleanups.push(() => twilio.close());
    const db = tempDbPath();
    const env = {
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      KAVAK_TWILIO_API_URL: twilio.url,
    };
    const start = async (role: string): Promise<ServeProcess> => {
      const server = await startServeProcess(['--role', role, '--db', db], env);
      cleanups.push(() => void server.child.kill('SIGKILL'));
      return server;
    };
    const web = await start('web');
    const customers = ['+5215520000001', '+5215520000002'];
    for (const from of customers) {
      const answer = await postTwilioWebhook({
        url: web.webhookUrl,
        authToken: TEST_AUTH_TOKEN,
        form: twilioWebhookForm({ body: 'Hola, busco un Jetta', from }),
      });
      expect(answer.status).toBe(200);
    }
    // Stored, not answered: the web process runs no worker.
    const webBase = web.webhookUrl.replace(/\/twilio\/whatsapp$/, '');
    const metrics = await (await fetch(`${webBase}/metrics`)).text();
    expect(metrics).toMatch(/kavak_messages\{status="received"\} 2/);
    expect(twilio.messages).toHaveLength(0);

    const worker = await start('worker');
    await twilio.waitForMessages(2, 60_000);
    expect(twilio.messages.map((m) => m.to).sort()).toEqual(customers.map((c) => `whatsapp:${c}`));
    expect(web.logs.some((line) => line.includes('"turn_done"'))).toBe(false);
    expect(worker.logs.some((line) => line.includes('"turn_done"'))).toBe(true);

    // The worker serves health and metrics only.
    const workerBase = worker.webhookUrl.replace(/\/twilio\/whatsapp$/, '');
    expect((await fetch(`${workerBase}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${workerBase}/metrics`)).text()).toMatch(
      /kavak_messages\{status="replied"\} 2/,
    );
    expect((await fetch(worker.webhookUrl, { method: 'POST' })).status).toBe(404);

    // SIGTERM drains both and exits 0.
    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await web.exited).toEqual({ code: 0, signal: null });
    expect(worker.logs.some((line) => line.includes('"serve_stopped"'))).toBe(true);
  });

  it('refuses --role web with --reply twiml on SQLite, saying what to run instead', async () => {
    const result = await runKavak(
      [
        'serve',
        '--role',
        'web',
        '--reply',
        'twiml',
        '--insecure-no-signature',
        '--port',
        '0',
        '--db',
        tempDbPath(),
      ],
      {},
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--role web cannot answer in the webhook response/);
    expect(result.stderr).toMatch(/--role all/);
    expect(result.stderr).toMatch(/on PostgreSQL/);
  });
});
