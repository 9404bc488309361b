import { existsSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/database.js';
import type { InboundMessage } from '../../src/core/ports/inbound-queue.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { startFakeModel, type FakeModel } from './helpers/fake-model.js';
import {
  startFakeTwilioServer,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type FakeTwilioServer,
} from './helpers/fake-twilio-server.js';
import { tempDbPath } from './helpers/queue-harness.js';
import { eventually, startServeHarness } from './helpers/serve-harness.js';
import { runKavak, startServeProcess, type ServeProcess } from './helpers/serve-process.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MODEL_DELAY_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A slow fake model that calls `onCall` with how many of its requests are unanswered. It holds
 * every answer until `open` settles: on a loaded machine posting the messages can take longer than
 * answering them, and the tests need them all queued before the first reply.
 */
async function slowModel(
  open: Promise<unknown>,
  onCall: (inFlight: number) => void = () => {},
): Promise<FakeModel> {
  let inFlight = 0;
  const model = await startFakeModel({
    answerAfter: () => {
      inFlight += 1;
      onCall(inFlight);
      return open.then(() => sleep(MODEL_DELAY_MS)).then(() => (inFlight -= 1));
    },
  });
  cleanups.push(() => model.close());
  return model;
}

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function fakeTwilio(): Promise<FakeTwilioServer> {
  const twilio = await startFakeTwilioServer();
  cleanups.push(() => twilio.close());
  return twilio;
}

async function serve(
  db: string,
  model: FakeModel,
  twilio: FakeTwilioServer,
  extra: string[] = [],
): Promise<ServeProcess> {
  const server = await startServeProcess(
    [
      '--runtime',
      'openai',
      '--base-url',
      model.url,
      '--db',
      db,
      '--concurrency',
      '2',
      '--model-rpm',
      '0',
      ...extra,
    ],
    {
      OPENAI_API_KEY: 'sk-test',
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      KAVAK_TWILIO_API_URL: twilio.url,
    },
  );
  cleanups.push(() => void server.child.kill('SIGKILL'));
  return server;
}

const customers = ['+5215510000001', '+5215510000002', '+5215510000003', '+5215510000004'];

async function sendAll(url: string, perCustomer: number): Promise<void> {
  for (let n = 0; n < perCustomer; n++) {
    for (const from of customers) {
      const answer = await postTwilioWebhook({
        url,
        authToken: TEST_AUTH_TOKEN,
        form: twilioWebhookForm({ body: `Hola, mensaje ${n}`, from }),
      });
      expect(answer.status).toBe(200);
    }
  }
}

async function storedMessages(db: string): Promise<InboundMessage[]> {
  const handle = openDatabase(db);
  try {
    return await new SqliteInboundQueue(handle).list();
  } finally {
    handle.close();
  }
}

/** Every message replied exactly once, each customer's replies sent in arrival order. */
function expectEachRepliedOnceInOrder(messages: InboundMessage[], twilio: FakeTwilioServer): void {
  expect(messages.map((m) => m.status)).toEqual(messages.map(() => 'replied'));
  expect(messages.every((m) => m.sentPartIds.length === 1)).toBe(true);
  expect(twilio.messages).toHaveLength(messages.length);
  for (const from of customers) {
    const mine = messages.filter((m) => m.from === `whatsapp:${from}`);
    expect(twilio.to(`whatsapp:${from}`).map((m) => m.sid)).toEqual(mine.flatMap((m) => m.sentPartIds));
  }
}

// Child processes (tsx start-up, restarts) on a loaded 2-core CI machine need generous deadlines:
// each wait below ends as soon as its condition holds.
describe('kavak serve as a process', { timeout: 240_000 }, () => {
  it('killed with SIGKILL while messages are in flight, answers every one after a restart', async () => {
    const db = tempDbPath();
    const twilio = await fakeTwilio();
    const running: { server?: ServeProcess } = {};
    let killed = false;
    const sent = gate();
    // Kill when a few replies went out and both workers wait on the model (none is mid-send).
    const model = await slowModel(sent.opened, (inFlight) => {
      if (!killed && running.server && twilio.messages.length >= 2 && inFlight >= 2) {
        killed = true;
        running.server.child.kill('SIGKILL');
      }
    });
    const server = (running.server = await serve(db, model, twilio));
    await sendAll(server.webhookUrl, 2);
    sent.open();
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });

    const interrupted = await storedMessages(db);
    expect(interrupted).toHaveLength(8);
    expect(interrupted.filter((m) => m.status === 'processing').length).toBeGreaterThan(0);
    expect(interrupted.filter((m) => m.status === 'replied').length).toBeLessThan(8);

    const restarted = await serve(db, model, twilio);
    await twilio.waitForMessages(8, 60_000);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
    expect(restarted.logs.some((line) => line.includes('"queue_recovered"'))).toBe(true);
    expectEachRepliedOnceInOrder(await storedMessages(db), twilio);
  });

  it('killed with SIGKILL right after Twilio accepted a reply, does not send it again after a restart', async () => {
    const db = tempDbPath();
    const twilio = await fakeTwilio();
    const model = await slowModel(Promise.resolve());
    const running: { server?: ServeProcess } = {};
    let kills = 0;
    // Twilio took the reply, the server dies before it hears so: no sid recorded.
    twilio.onAccepted(() => {
      if (kills < 2 && running.server) {
        kills += 1;
        running.server.child.kill('SIGKILL');
        running.server = undefined;
      }
    });
    running.server = await serve(db, model, twilio);
    const first = running.server;
    await sendAll(first.webhookUrl, 1);
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const second = (running.server = await serve(db, model, twilio));
    expect(await second.exited).toMatchObject({ signal: 'SIGKILL' });

    const third = await serve(db, model, twilio);
    await eventually(
      async () => (await storedMessages(db)).every((m) => m.status === 'replied'),
      30_000,
      'every message replied',
    );
    third.child.kill('SIGTERM');
    await third.exited;
    expectEachRepliedOnceInOrder(await storedMessages(db), twilio);
    expect(third.logs.some((line) => line.includes('"reply_already_accepted"'))).toBe(true);
  });

  it('on SIGTERM stops accepting, finishes in-flight messages, exits 0; the rest are answered after a restart', async () => {
    const db = tempDbPath();
    const twilio = await fakeTwilio();
    const sent = gate();
    const model = await slowModel(sent.opened);
    const server = await serve(db, model, twilio, ['--drain-timeout-ms', '30000']);
    await sendAll(server.webhookUrl, 2);
    sent.open();
    await eventually(
      async () => (await storedMessages(db)).filter((m) => m.status === 'processing').length === 2,
      30_000,
      'two in flight',
    );

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Its checkpoint thread stopped first, so its last close checkpointed and removed the WAL.
    expect(existsSync(`${db}-wal`)).toBe(false);
    await expect(fetch(server.webhookUrl, { method: 'POST' })).rejects.toThrow();
    const afterDrain = await storedMessages(db);
    expect(afterDrain.filter((m) => m.status === 'processing')).toHaveLength(0);
    expect(afterDrain.filter((m) => m.status === 'replied').length).toBeGreaterThanOrEqual(2);
    expect(twilio.messages).toHaveLength(afterDrain.filter((m) => m.status === 'replied').length);
    expect(server.logs.some((line) => line.includes('"serve_stopped"'))).toBe(true);

    const restarted = await serve(db, model, twilio);
    await twilio.waitForMessages(8, 60_000);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    expectEachRepliedOnceInOrder(await storedMessages(db), twilio);
  });

  it('kavak send gets a Spanish reply with catalog cars from serve --reply twiml --insecure-no-signature, no key', async () => {
    const server = await startServeProcess(
      ['--reply', 'twiml', '--insecure-no-signature', '--db', tempDbPath()],
      {},
    );
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const sent = await runKavak(['send', 'Hola, busco un Jetta', '--url', server.webhookUrl], {});
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/Jetta/);
    expect(sent.stdout).toMatch(/\$[\d,]+/);
    expect(sent.stderr).toMatch(/seguimiento t_/);
    expect(server.logs.join('\n')).not.toMatch(/5555550100/);
  });

  it('refuses to start in REST mode without Twilio credentials, saying what to set', async () => {
    const result = await runKavak(['serve', '--port', '0'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN is not set/);
    expect(result.stderr).toMatch(/--reply twiml --insecure-no-signature/);
  });

  it('kavak send reports a signature the server rejects, and an acknowledgement without reply in REST mode', async () => {
    const harness = await startServeHarness();
    cleanups.push(() => harness.close());
    const { server, twilio } = harness;
    const rejected = await runKavak(['send', 'Hola', '--url', server.webhookUrl], {
      TWILIO_AUTH_TOKEN: 'not-the-token',
    });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/rejected the request’s signature \(403\)/);
    const accepted = await runKavak(['send', 'Hola', '--url', server.webhookUrl], {
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    });
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toMatch(/Acknowledged \(seguimiento t_[\w-]+\) with no reply in the response/);
    await twilio.waitForMessages(1, 60_000);
  });

  it('on SIGTERM aborts a hanging Twilio send within the drain timeout taken from KAVAK_DRAIN_TIMEOUT_MS', async () => {
    const db = tempDbPath();
    const twilio = await fakeTwilio();
    const model = await startFakeModel();
    cleanups.push(() => model.close());
    twilio.hangNext();
    const server = await startServeProcess(
      ['--runtime', 'openai', '--base-url', model.url, '--db', db, '--model-rpm', '0'],
      {
        OPENAI_API_KEY: 'sk-test',
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        KAVAK_TWILIO_API_URL: twilio.url,
        // As the image sets it: no --drain-timeout-ms on the command line.
        KAVAK_DRAIN_TIMEOUT_MS: '500',
      },
    );
    cleanups.push(() => void server.child.kill('SIGKILL'));
    await sendAll(server.webhookUrl, 1);
    await eventually(() => twilio.hanging === 1, 20_000, 'a send hanging at Twilio');

    const stoppedAt = performance.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Twilio's own request timeout is 15 s; docker stop kills after 10 s.
    expect(performance.now() - stoppedAt).toBeLessThan(10_000);
    const hung = (await storedMessages(db)).find(
      (m) => m.reply?.kind === 'answer' && m.sentPartIds.length === 0,
    );
    expect(hung).toMatchObject({ status: 'received' });
  });

  describe('exits non-zero and never listens when its queue cannot start', () => {
    const serveOn = (db: string) =>
      runKavak(
        [
          'serve',
          '--host',
          '127.0.0.1',
          '--port',
          '0',
          '--reply',
          'twiml',
          '--insecure-no-signature',
          '--db',
          db,
        ],
        {},
        60_000,
      );

    it('while another process holds a write lock on the database (a backup)', async () => {
      const db = tempDbPath();
      openDatabase(db).close();
      const backup = new Database(db);
      cleanups.push(() => void backup.close());
      backup.exec('BEGIN EXCLUSIVE');
      const result = await serveOn(db);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Cannot start the message queue/);
      expect(result.stderr).toMatch(/Another process holds a write lock/);
      expect(result.stderr).not.toMatch(/serve_listening/);
    });

    it('on a database whose pages are damaged', async () => {
      const db = tempDbPath();
      const handle = openDatabase(db);
      const store = new SqliteInboundQueue(handle);
      for (let i = 0; i < 300; i++)
        await store.enqueue({
          channel: 'whatsapp',
          externalId: `SM${String(i).padStart(32, '0')}`,
          trackingId: `t_${i}`,
          conversationId: `c_${i % 7}`,
          from: 'whatsapp:+5215550000001',
          to: 'whatsapp:+14155238886',
          body: 'Hola '.repeat(50),
          payload: {},
        });
      await store.claim('w1', 1);
      handle.close();
      // Keep the header and schema page, scramble the rest.
      const fd = openSync(db, 'r+');
      const pageSize = 4096;
      const garbage = Buffer.alloc(statSync(db).size - 2 * pageSize, 0xa5);
      writeSync(fd, garbage, 0, garbage.length, 2 * pageSize);
      closeSync(fd);
      const result = await serveOn(db);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/malformed|not a database/);
      expect(result.stderr).not.toMatch(/serve_listening/);
    });
  });
});
