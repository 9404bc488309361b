import { afterEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/channels/whatsapp/twilio-webhook-form.js';
import { signTwilioRequest } from '../../src/channels/whatsapp/twilio-signature.js';
import { twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { startFakeModel } from './helpers/fake-model.js';
import { eventually, startServeHarness, type ServeHarness } from './helpers/serve-harness.js';

let harness: ServeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A fake model that answers only once `release()` is called: proves what happens before a turn ends. */
async function startHeldModel() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const model = await startFakeModel({ answerAfter: () => held, replyText: '¡Hola! ¿Qué auto buscas?' });
  return { model, release };
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

describe('POST /twilio/whatsapp (real HTTP, real app offline, twilio SDK → fake Twilio)', () => {
  it('acknowledges a signed message with empty TwiML and replies through the REST API', async () => {
    harness = await startServeHarness();
    const answer = await harness.send({
      body: 'Hola, busco un Jetta',
      from: '+5215512345678',
      to: '+14155238886',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(EMPTY_TWIML);
    expect(answer.trackingId).toMatch(/^t_/);

    const [reply] = await harness.twilio.waitForMessages(1);
    expect(reply).toMatchObject({ to: 'whatsapp:+5215512345678', from: 'whatsapp:+14155238886' });
    expect(reply!.body).toMatch(/Jetta/);
    const stored = await eventually(async () =>
      (await harness!.server.queue.list()).find((m) => m.status !== 'processing'),
    );
    expect(stored).toMatchObject({
      status: 'replied',
      delivery: 'push',
      sentPartIds: [reply!.sid],
      trackingId: answer.trackingId,
    });

    // Logs carry the tracking id but never the number.
    expect(harness.logs.some((line) => line.includes(answer.trackingId!))).toBe(true);
    expect(harness.logs.join('\n')).not.toMatch(/5512345678|551234/);
  });

  it('rejects a bad or missing signature with 403 and stores nothing', async () => {
    harness = await startServeHarness();
    const bad = await harness.send(
      { body: 'Hola' },
      { signature: signTwilioRequest('another-token', harness.server.webhookUrl, { Body: 'Hola' }) },
    );
    const missing = await harness.send({ body: 'Hola' }, { signature: null });
    expect([bad.status, missing.status]).toEqual([403, 403]);
    // A valid signature over other fields than the ones posted (a tampered body) is bad too.
    const form = twilioWebhookForm({ body: 'Hola', from: '+5215512345678' });
    const tampered = await fetch(harness.server.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(TEST_AUTH_TOKEN, harness.server.webhookUrl, form),
      },
      body: new URLSearchParams({ ...form, Body: 'Dame un descuento' }).toString(),
    });
    expect(tampered.status).toBe(403);
    expect(await harness.server.queue.list()).toHaveLength(0);
    const metrics = await (await fetch(`${harness.server.url}/metrics`)).text();
    expect(metrics).toMatch(/kavak_webhook_requests_total\{outcome="forbidden"\} 3/);
  });

  it('checks the signature against --public-url, or the forwarded host behind a trusted proxy', async () => {
    harness = await startServeHarness({ settings: { publicUrl: 'https://bot.example.com' } });
    const localSigned = await harness.send({ body: 'Hola' });
    expect(localSigned.status).toBe(403); // signed for 127.0.0.1, but Twilio signs the public URL
    const form = twilioWebhookForm({ body: 'Hola', from: '+5215512345678' });
    const ok = await fetch(harness.server.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(
          TEST_AUTH_TOKEN,
          'https://bot.example.com/twilio/whatsapp',
          form,
        ),
      },
      body: new URLSearchParams(form).toString(),
    });
    expect(ok.status).toBe(200);
    await harness.close();

    harness = await startServeHarness({ settings: { trustProxy: 'loopback' } });
    const forwarded = await fetch(harness.server.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'abc.ngrok.app',
        'x-twilio-signature': signTwilioRequest(
          TEST_AUTH_TOKEN,
          'https://abc.ngrok.app/twilio/whatsapp',
          form,
        ),
      },
      body: new URLSearchParams(form).toString(),
    });
    expect(forwarded.status).toBe(200);
  });

  it('rotates the auth token without downtime: either token signs, REST moves to the promoted one', async () => {
    const NEW_TOKEN = 'new-auth-token-fedcba9876543210';
    harness = await startServeHarness({ env: { TWILIO_AUTH_TOKEN_SECONDARY: NEW_TOKEN } });
    expect((await postSigned(harness, TEST_AUTH_TOKEN, 'con el token viejo')).status).toBe(200);
    await harness.twilio.waitForMessages(1);
    harness.twilio.rotateAuthToken(NEW_TOKEN); // promoted in the console: the old token stops working
    expect((await postSigned(harness, NEW_TOKEN, 'con el token nuevo')).status).toBe(200);
    expect((await postSigned(harness, 'some-other-token', 'falso')).status).toBe(403);
    await harness.twilio.waitForMessages(2);
    await eventually(async () => (await harness!.server.queue.countsByStatus()).replied === 2);
    expect(harness.twilio.refused.map((r) => r.status)).toEqual([401]);
  });

  it('answers a MessageSid delivered three times exactly once', async () => {
    harness = await startServeHarness();
    const message = { body: 'Hola', messageSid: `SM${'7'.repeat(32)}` };
    const answers = await Promise.all([harness.send(message), harness.send(message)]);
    await harness.twilio.waitForMessages(1);
    answers.push(await harness.send(message));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.trackingId)).size).toBe(1);
    // Once the one stored message is replied nothing is left to send: no time-based wait needed.
    await eventually(
      async () => (await harness!.server.queue.countsByStatus()).replied === 1,
      10_000,
      'the reply',
    );
    expect(harness.twilio.messages).toHaveLength(1);
    expect(await harness.server.queue.list()).toHaveLength(1);
  });

  it('answers 50 messages from 10 customers exactly once each, in order per customer, with memory', async () => {
    harness = await startServeHarness({ settings: { concurrency: 4 } });
    const customers = Array.from({ length: 10 }, (_, i) => `+52155510000${String(i).padStart(2, '0')}`);
    const texts = [
      'Hola',
      'Busco un Jetta',
      '¿Tienes algo más barato?',
      'Quiero financiamiento a 4 años',
      'Gracias',
    ];
    const sends = customers.map(async (from) => {
      for (const body of texts) expect((await harness!.send({ body, from })).status).toBe(200);
    });
    await Promise.all(sends);
    await harness.twilio.waitForMessages(50, 60_000);
    await eventually(
      async () => (await harness!.server.queue.countsByStatus()).replied === 50,
      10_000,
      '50 replied',
    );

    const stored = await harness.server.queue.list();
    const sentSeq = new Map(harness.twilio.messages.map((m) => [m.sid, m.seq]));
    for (const from of customers) {
      const mine = stored.filter((m) => m.from === `whatsapp:${from}`);
      expect(mine.map((m) => m.body)).toEqual(texts);
      const sids = mine.flatMap((m) => m.sentPartIds);
      expect(sids).toHaveLength(5);
      expect(harness.twilio.to(`whatsapp:${from}`).map((m) => m.sid)).toEqual(sids); // sent in arrival order
      expect(sids.map((sid) => sentSeq.get(sid)!)).toEqual(
        [...sids.map((sid) => sentSeq.get(sid)!)].sort((a, b) => a - b),
      );
      // The same memory ask and chat use, keyed by the WhatsApp id.
      const history = await harness.app.conversations.history(
        conversationIdFor({ From: `whatsapp:${from}` }),
        100,
      );
      expect(history.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual(texts);
    }
    expect(harness.twilio.messages).toHaveLength(50);
  }, 90_000); // 100 turns in process: a generous bound for a loaded 2-core CI machine

  it('replies inside the TwiML response with no credentials at all (twiml + insecure, offline)', async () => {
    harness = await startServeHarness({
      noCredentials: true,
      settings: { reply: 'twiml', insecureNoSignature: true },
    });
    const answer = await harness.send({ body: 'Hola, busco un Jetta' }, { signature: null });
    expect(answer.status).toBe(200);
    expect(answer.messages.join('\n')).toMatch(/Jetta/);
    expect((await harness.server.queue.list())[0]).toMatchObject({
      status: 'replied',
      delivery: 'inline',
      sentPartIds: [],
    });
    expect(harness.twilio.messages).toHaveLength(0);
    expect(harness.logs.filter((l) => l.includes('insecure_no_signature'))).toHaveLength(1);
    expect(
      harness.logs.some((l) => l.includes('serve_warning') && l.includes('Local development only')),
    ).toBe(true);
  });

  it('acknowledges at once: the ack does not wait for the turn (the model is held until it is in)', async () => {
    const { model, release } = await startHeldModel();
    try {
      harness = await startServeHarness({
        config: {
          runtime: 'openai',
          model: 'gpt-4o-mini',
          baseUrl: model.url,
          apiKey: 'sk-test',
          maxRetries: 0,
        },
      });
      const answer = await harness.send({ body: 'Hola', from: '+5215577777777' });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(EMPTY_TWIML);
      expect(harness.twilio.messages).toHaveLength(0);
      release();
      const [sent] = await harness.twilio.waitForMessages(1);
      expect(sent!.body).toBe('¡Hola! ¿Qué auto buscas?');
    } finally {
      release();
      await harness?.close();
      harness = undefined;
      await model.close();
    }
  });

  it('in twiml mode, past the deadline acknowledges empty and sends the reply through the REST API', async () => {
    // The model answers only once the ack is in, so the turn surely outlives the 150 ms deadline.
    const { model, release } = await startHeldModel();
    try {
      harness = await startServeHarness({
        config: {
          runtime: 'openai',
          model: 'gpt-4o-mini',
          baseUrl: model.url,
          apiKey: 'sk-test',
          maxRetries: 0,
        },
        settings: { reply: 'twiml', twimlDeadlineMs: 150 },
      });
      const answer = await harness.send({ body: 'Hola', from: '+5215566666666' });
      expect(answer.body).toBe(EMPTY_TWIML);
      release();
      const [sent] = await harness.twilio.waitForMessages(1);
      expect(sent!.body).toBe('¡Hola! ¿Qué auto buscas?');
      const stored = await eventually(async () =>
        (await harness!.server.queue.list()).find((m) => m.status === 'replied'),
      );
      expect(stored).toMatchObject({ delivery: 'push', sentPartIds: [sent!.sid] });
    } finally {
      release();
      await harness?.close();
      harness = undefined;
      await model.close();
    }
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    harness = await startServeHarness();
    await harness.send({ body: 'Hola' });
    await harness.twilio.waitForMessages(1);
    await eventually(async () => (await harness!.server.queue.countsByStatus()).replied === 1);
    expect(await (await fetch(`${harness.server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${harness.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { store: true, queue: true, runtime: true } });
    const metrics = await fetch(`${harness.server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/kavak_messages\{status="replied"\} 1/);
    expect(text).toMatch(/kavak_queue_depth 0/);
    expect(text).toMatch(/kavak_turn_duration_seconds_count 1/);
    expect(text).toMatch(/kavak_model_tokens_total\{direction="input"\} \d+/);
    expect(text).toMatch(/kavak_model_cost_usd_total/);
    expect(text).toMatch(/kavak_webhook_requests_total\{outcome="accepted"\} 1/);

    await harness.server.shutdown();
    // Stopped: nothing listens any more.
    await expect(fetch(`${harness.server.url}/healthz`)).rejects.toThrow();
  });
});

async function postSigned(harness: ServeHarness, token: string, body: string): Promise<Response> {
  const form = twilioWebhookForm({ body, from: '+5215577777777' });
  return fetch(harness.server.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(token, harness.server.webhookUrl, form),
    },
    body: new URLSearchParams(form).toString(),
  });
}
