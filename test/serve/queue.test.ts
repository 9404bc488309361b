import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_REPLY, NOTICES } from '../../src/serve/inbound-message.js';
import { SqliteConversationStore } from '../../src/store/sqlite/conversation-store.js';
import { emptyProfile } from '../../src/core/profile.js';
import {
  authError,
  rateLimited,
  scriptedPipeline,
  serverError,
  sleep,
  turnResult,
} from './helpers/scripted-pipeline.js';
import { customer, queueHarness, type QueueHarness } from './helpers/queue-harness.js';
import { eventually } from './helpers/serve-harness.js';

let harness: QueueHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the durable queue (scripted pipeline, real SQLite, twilio SDK → fake Twilio)', () => {
  it('answers every message once, in order per customer, customers in parallel up to the limit', async () => {
    const pipeline = scriptedPipeline(async (request) => {
      await sleep(5 + Math.floor(Math.random() * 25));
      return `Respuesta a: ${request.message}`;
    });
    harness = await queueHarness({ pipeline, concurrency: 4 });
    // Customer by customer, so a queue that ignored per-customer order would run one customer's messages at once.
    for (let c = 0; c < 6; c++)
      for (let n = 0; n < 5; n++) void harness.receive(customer(c), `cliente ${c} mensaje ${n}`);

    const settled = await harness.settled();
    expect(settled.map((m) => m.status)).toEqual(Array(30).fill('replied'));
    expect(harness.twilio.messages).toHaveLength(30);
    expect(pipeline.maxRunning).toBeGreaterThan(1);
    expect(pipeline.maxRunning).toBeLessThanOrEqual(4);
    for (let c = 0; c < 6; c++) {
      const bodies = harness.twilio.to(customer(c)).map((m) => m.body);
      expect(bodies).toEqual([0, 1, 2, 3, 4].map((n) => `Respuesta a: cliente ${c} mensaje ${n}`));
      // One at a time per customer: each turn starts after the previous one ended.
      const turns = pipeline.turns.filter((t) => t.request.message.startsWith(`cliente ${c} `));
      for (let i = 1; i < turns.length; i++)
        expect(turns[i]!.startedAt).toBeGreaterThanOrEqual(turns[i - 1]!.endedAt!);
    }
    expect(harness.twilio.messages.every((m) => m.from === 'whatsapp:+14155238886')).toBe(true);
  });

  it('retries a rate-limited model with backoff and answers once it recovers', async () => {
    const pipeline = scriptedPipeline((_request, call) => {
      if (call < 2) throw rateLimited();
      return 'Tenemos 3 Jetta disponibles.';
    });
    harness = await queueHarness({ pipeline });
    const { id } = await harness.receive(customer(1), 'Busco un Jetta');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'replied', attempts: 3, reply: { kind: 'answer' } });
    expect(harness.twilio.to(customer(1)).map((m) => m.body)).toEqual(['Tenemos 3 Jetta disponibles.']);
    expect((await harness.queue.get(id))?.sentPartIds).toEqual([harness.twilio.messages[0]!.sid]);
  });

  it('after the last attempt sends the polite fallback and marks the message failed with the reason', async () => {
    const pipeline = scriptedPipeline(() => {
      throw serverError();
    });
    harness = await queueHarness({ pipeline, settings: { maxAttempts: 3 } });
    await harness.receive(customer(1), 'Hola');
    await harness.receive(customer(1), '¿Siguen ahí?');
    const settled = await harness.settled();
    expect(settled.map((m) => [m.status, m.attempts, m.reply?.kind])).toEqual([
      ['failed', 3, 'fallback'],
      ['failed', 3, 'fallback'],
    ]);
    expect(settled[0]!.error).toContain('500 boom');
    expect(harness.twilio.to(customer(1)).map((m) => m.body)).toEqual([FALLBACK_REPLY, FALLBACK_REPLY]);
    // The customer's second message waits behind the first through all its retries.
    expect(pipeline.turns.map((t) => t.request.message)).toEqual([
      ...Array(3).fill('Hola'),
      ...Array(3).fill('¿Siguen ahí?'),
    ]);
  });

  it('does not retry what a retry cannot fix (a bad API key): fallback at once', async () => {
    const pipeline = scriptedPipeline(() => {
      throw authError();
    });
    harness = await queueHarness({ pipeline });
    await harness.receive(customer(2), 'Hola');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'failed', attempts: 1, reply: { kind: 'fallback' } });
    expect(harness.twilio.messages.map((m) => m.body)).toEqual([FALLBACK_REPLY]);
  });

  it('counts a turn that hangs past the turn timeout as a failed attempt, and frees the slot', async () => {
    const pipeline = scriptedPipeline(() => new Promise<string>(() => {}));
    harness = await queueHarness({
      pipeline,
      concurrency: 1,
      settings: { turnTimeoutMs: 60, maxAttempts: 2 },
    });
    await harness.receive(customer(3), 'Hola');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'failed', attempts: 2 });
    expect(message!.error).toMatch(/did not finish within 60 ms/);
    expect(harness.twilio.messages.map((m) => m.body)).toEqual([FALLBACK_REPLY]);
  });

  it('resends only the reply when Twilio fails, without asking the model again', async () => {
    const pipeline = scriptedPipeline(() => 'Claro, te ayudo.');
    harness = await queueHarness({ pipeline });
    harness.twilio.failNext({ status: 503, code: 20503, message: 'Service unavailable' }, 2);
    await harness.receive(customer(4), 'Hola');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'replied', attempts: 3 });
    expect(pipeline.turns).toHaveLength(1);
    expect(harness.twilio.messages.map((m) => m.body)).toEqual(['Claro, te ayudo.']);
  });

  it('keeps retrying a reply Twilio refuses with 401 (a credential outage) past the attempt limit', async () => {
    const pipeline = scriptedPipeline(() => 'Claro, te ayudo.');
    harness = await queueHarness({ pipeline, settings: { maxAttempts: 2 } });
    harness.twilio.failNext({ status: 401, code: 20003, message: 'Authenticate' }, 4);
    await harness.receive(customer(11), 'Hola');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'replied', attempts: 5, reply: { kind: 'answer' } });
    expect(pipeline.turns).toHaveLength(1);
    expect(harness.twilio.to(customer(11)).map((m) => m.body)).toEqual(['Claro, te ayudo.']);
  });

  it('does not send a reply twice when Twilio accepted it but its answer was lost', async () => {
    const pipeline = scriptedPipeline(() => 'Claro, te ayudo.');
    harness = await queueHarness({ pipeline });
    // Same text as this customer's earlier reply: that sid must not be taken for the lost one.
    await harness.receive(customer(12), 'Hola');
    await harness.settled();
    harness.twilio.dropNextResponse();
    const second = await harness.receive(customer(12), 'Hola otra vez');
    const settled = await harness.settled();
    expect(settled.map((m) => m.status)).toEqual(['replied', 'replied']);
    const sent = harness.twilio.to(customer(12));
    expect(sent.map((m) => m.body)).toEqual(['Claro, te ayudo.', 'Claro, te ayudo.']);
    expect(await harness.queue.get(second.id)).toMatchObject({ attempts: 2, sentPartIds: [sent[1]!.sid] });
  });

  it('gives up on a reply Twilio refuses for good (invalid number), with its reason', async () => {
    const pipeline = scriptedPipeline(() => 'Claro, te ayudo.');
    harness = await queueHarness({ pipeline });
    harness.twilio.failNext({ status: 400, code: 21211, message: "The 'To' number is not valid" });
    await harness.receive(customer(5), 'Hola');
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'failed', attempts: 1, reply: { kind: 'answer' } });
    expect(message!.error).toMatch(/HTTP 400, error 21211/);
    expect(harness.twilio.messages).toHaveLength(0);
  });

  it('answers empty, media-only and over-long messages with a notice, without the model', async () => {
    const pipeline = scriptedPipeline(() => 'no debería llamarse');
    harness = await queueHarness({ pipeline });
    await harness.receive(customer(6), '');
    await harness.receive(customer(6), '', {
      raw: { NumMedia: '1', MediaUrl0: 'https://example.com/a.jpg' },
    });
    await harness.receive(customer(6), 'a'.repeat(5000));
    await harness.receive(customer(6), '', { raw: { MessageType: 'location', Latitude: '19.4' } });
    await harness.settled();
    expect(pipeline.turns).toHaveLength(0);
    expect(harness.twilio.to(customer(6)).map((m) => m.body)).toEqual([
      NOTICES.empty,
      NOTICES.media_only,
      NOTICES.too_long,
      NOTICES.unsupported,
    ]);
  });

  it('on shutdown requeues in-flight work without counting the attempt; the next start answers it', async () => {
    const pipeline = scriptedPipeline((request) => sleep(10_000, request.signal).then(() => 'tarde'));
    harness = await queueHarness({ pipeline });
    await harness.receive(customer(7), 'Hola');
    await sleep(30);
    expect(await harness.runner.drain(20)).toEqual({ finished: 0, requeued: 1 });
    expect((await harness.queue.list())[0]).toMatchObject({ status: 'received', attempts: 0 });
    const { db, twilio } = harness;
    const dbPath = db.name;
    db.close();
    harness = await queueHarness({ pipeline: scriptedPipeline(() => 'Ya estoy aquí.'), dbPath, twilio });
    await harness.settled();
    expect(twilio.messages.map((m) => m.body)).toEqual(['Ya estoy aquí.']);
    await twilio.close();
  });

  it('after a crash resumes a half-sent reply from the next part, and reuses a turn already saved', async () => {
    const first = await queueHarness({ pipeline: scriptedPipeline(() => 'x'), start: false });
    const half = await first.receive(customer(8), 'Mándame la lista');
    const saved = await first.receive(customer(9), 'Hola');
    // What a killed process leaves behind: claims under leases no one renews, with 1 of 2 parts sent…
    const [claimedHalf, claimedSaved] = await first.queue.claim('killed-worker', 2);
    expect([claimedHalf?.message.id, claimedSaved?.message.id]).toEqual([half.id, saved.id]);
    await first.queue.saveReply(claimedHalf!.lease, {
      text: 'uno\n\ndos',
      parts: ['uno', 'dos'],
      kind: 'answer',
    });
    await first.queue.recordSentPart(claimedHalf!.lease, 'SMalreadysent');
    // …and one whose turn reached conversation memory before its reply was saved.
    await new SqliteConversationStore(first.db).saveTurn({
      conversationId: saved.conversationId,
      trackingId: saved.trackingId,
      customerText: 'Hola',
      agentText: '¡Hola! ¿Qué auto buscas?',
      profile: emptyProfile(),
      trace: turnResult({ message: 'Hola' }, '¡Hola! ¿Qué auto buscas?').trace,
      leads: [],
    });
    const dbPath = first.db.name;
    first.db.close();

    const pipeline = scriptedPipeline(() => 'no debería llamarse');
    harness = await queueHarness({ pipeline, dbPath, twilio: first.twilio });
    const settled = await harness.settled();
    expect(settled.map((m) => m.status)).toEqual(['replied', 'replied']);
    expect(pipeline.turns).toHaveLength(0);
    expect(first.twilio.to(customer(8)).map((m) => m.body)).toEqual(['dos']);
    expect(first.twilio.to(customer(9)).map((m) => m.body)).toEqual(['¡Hola! ¿Qué auto buscas?']);
    expect((await harness.queue.get(half.id))?.sentPartIds).toEqual([
      'SMalreadysent',
      first.twilio.to(customer(8))[0]!.sid,
    ]);
    await first.twilio.close();
  });

  it('sends the fallback without the model to a message its workers died on more than --max-attempts times', async () => {
    const pipeline = scriptedPipeline(() => 'no debería llamarse');
    harness = await queueHarness({ pipeline, settings: { maxAttempts: 3 }, start: false });
    const deadly = await harness.receive(customer(13), 'el mensaje que tumba al servidor');
    // Three claims that never settled: each worker was killed while on it.
    harness.db
      .prepare(
        `UPDATE inbound_messages SET status = 'processing', attempts = 3, lease_owner = 'killed' WHERE id = ?`,
      )
      .run(Number(deadly.id));
    await harness.runner.start();
    const [message] = await harness.settled();
    expect(message).toMatchObject({ status: 'failed', attempts: 4, reply: { kind: 'fallback' } });
    expect(message!.error).toMatch(/interrupted 3 times/);
    expect(pipeline.turns).toHaveLength(0);
    expect(harness.twilio.to(customer(13)).map((m) => m.body)).toEqual([FALLBACK_REPLY]);
  });

  it('after database writes fail (a full disk) the stranded lease runs out; the customer is answered again', async () => {
    const pipeline = scriptedPipeline((request) => `Respuesta a: ${request.message}`);
    harness = await queueHarness({ pipeline, concurrency: 1 });
    // Every write that settles a message fails, as on a full disk; replies and sids still save.
    harness.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE UPDATE OF status ON inbound_messages
      WHEN OLD.status = 'processing' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const first = await harness.receive(customer(10), 'Hola');
    await eventually(
      async () =>
        (await harness!.queue.get(first.id))?.sentPartIds.length === 1 && harness!.runner.inFlight === 0,
      5_000,
      'the first reply sent and its handler gone',
    );
    expect((await harness.queue.get(first.id))?.status).toBe('processing');
    await harness.receive(customer(10), '¿Tienen Jetta?');
    // Space is freed: nothing restarts, yet both messages settle.
    harness.db.exec('DROP TRIGGER disk_full');
    const settled = await harness.settled();
    expect(settled.map((m) => m.status)).toEqual(['replied', 'replied']);
    expect(harness.twilio.to(customer(10)).map((m) => m.body)).toEqual([
      'Respuesta a: Hola',
      'Respuesta a: ¿Tienen Jetta?',
    ]);
  });
});
