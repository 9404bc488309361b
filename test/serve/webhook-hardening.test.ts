import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTICES } from '../../src/serve/inbound-message.js';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { TEST_AUTH_TOKEN } from './helpers/fake-twilio-server.js';
import { eventually, startServeHarness, type ServeHarness } from './helpers/serve-harness.js';

let harness: ServeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Posts `form` with a signature captured from another request, as a replaying attacker would. */
function replay(url: string, form: Record<string, string>, signature: string) {
  return postTwilioWebhook({ url, form, authToken: TEST_AUTH_TOKEN, signature });
}

describe('kavak serve under attack (real HTTP on 127.0.0.1, twilio SDK signatures)', () => {
  it('refuses a captured message replayed with its sid run into the next field, so it is answered once', async () => {
    harness = await startServeHarness();
    const url = harness.server.webhookUrl;
    const original = twilioWebhookForm({ body: 'Hola, busco un Jetta', from: '+5215512345678' });
    const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, original);
    expect((await replay(url, original, signature)).status).toBe(200);
    await harness.twilio.waitForMessages(1);

    // Twilio signs keys and values run together: moving "MessageTypetext" into the sid keeps it valid.
    const { MessageType, ...withoutType } = original;
    const sidAbsorbsType = { ...withoutType, MessageSid: `${original.MessageSid}MessageType${MessageType}` };
    const { SmsSid, ...withoutSmsSid } = original;
    const copyAbsorbsNext = { ...withoutSmsSid, SmsMessageSid: `${original.SmsMessageSid}SmsSid${SmsSid}` };
    for (const forged of [sidAbsorbsType, copyAbsorbsNext]) {
      expect(twilio.validateRequest(TEST_AUTH_TOKEN, signature, url, forged)).toBe(true);
      const answer = await replay(url, forged, signature);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/Missing or bad Twilio fields: (MessageSid|SmsMessageSid)/);
    }
    // The exact re-send is the duplicate it always was.
    expect((await replay(url, original, signature)).status).toBe(200);

    expect(await harness.server.queue.list()).toHaveLength(1);
    await eventually(async () => (await harness!.server.queue.countsByStatus()).replied === 1);
    expect(harness.twilio.messages).toHaveLength(1);
    const metrics = await (await fetch(`${harness.server.url}/metrics`)).text();
    expect(metrics).toMatch(/kavak_webhook_requests_total\{outcome="invalid"\} 2/);
    expect(metrics).toMatch(/kavak_webhook_requests_total\{outcome="duplicate"\} 1/);
  });

  it('answers 400 and stores nothing for signed fields that are not what Twilio sends', async () => {
    harness = await startServeHarness();
    const good = twilioWebhookForm({ body: 'Hola', from: '+5215512345678' });
    const bad: Record<string, Record<string, string>> = {
      MessageSid: { ...good, MessageSid: 'SM123', SmsMessageSid: 'SM123', SmsSid: 'SM123' },
      AccountSid: { ...good, AccountSid: 'ACnot-an-account' },
      From: { ...good, From: '+5215512345678' },
      To: { ...good, To: 'whatsapp:+1415 523 8886' },
      SmsMessageSid: { ...good, SmsMessageSid: `SM${'f'.repeat(32)}` },
    };
    for (const [field, form] of Object.entries(bad)) {
      const answer = await postTwilioWebhook({
        url: harness.server.webhookUrl,
        form,
        authToken: TEST_AUTH_TOKEN,
      });
      expect([field, answer.status]).toEqual([field, 400]);
      expect(answer.body).toContain(field);
    }
    expect(await harness.server.queue.list()).toHaveLength(0);
    // Media messages have MM sids.
    const media = await harness.send({
      body: '',
      messageSid: `MM${'0a'.repeat(16)}`,
      mediaUrls: ['https://api.twilio.com/media/1'],
    });
    expect(media.status).toBe(200);
  });

  it('logs a flood of unsigned requests in a bounded number of lines, and counts every one', async () => {
    harness = await startServeHarness();
    const url = harness.server.webhookUrl;
    const form = twilioWebhookForm({ body: 'Hola', from: '+5215512345678' });
    const statuses: number[] = [];
    const lanes = Array.from({ length: 10 }, async (_, lane) => {
      for (let i = 0; i < 100; i++) {
        const signature = lane % 2 ? null : 'bm90LWEtc2lnbmF0dXJl';
        statuses.push((await postTwilioWebhook({ url, form, authToken: TEST_AUTH_TOKEN, signature })).status);
      }
    });
    await Promise.all(lanes);
    expect(statuses).toHaveLength(1_000);
    expect(statuses.every((s) => s === 403)).toBe(true);
    const forbiddenLines = harness.logs.filter((l) => l.includes('webhook_forbidden'));
    expect(forbiddenLines.length).toBeGreaterThanOrEqual(1);
    expect(forbiddenLines.length).toBeLessThanOrEqual(4); // one a minute, plus a summary
    const metrics = await (await fetch(`${harness.server.url}/metrics`)).text();
    expect(metrics).toMatch(/kavak_webhook_requests_total\{outcome="forbidden"\} 1000/);
    expect(await harness.server.queue.list()).toHaveLength(0);
  });

  it('with KAVAK_METRICS_TOKEN, serves /metrics only to that bearer token', async () => {
    const token = 'metrics-token-5e1f0c';
    harness = await startServeHarness({ env: { KAVAK_METRICS_TOKEN: token } });
    const metricsUrl = `${harness.server.url}/metrics`;
    const none = await fetch(metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toMatch(/kavak_/);
    const wrong = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(metricsUrl, { headers: { authorization: `Basic ${token}` } });
    expect(basic.status).toBe(401);
    const right = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/kavak_queue_depth 0/);
    // Health and readiness stay open for the orchestrator.
    expect((await fetch(`${harness.server.url}/healthz`)).status).toBe(200);
    expect(harness.logs.join('\n')).not.toContain(token);
  });

  it('answers a 2,100-character message of "ñ" instead of calling it too long', async () => {
    harness = await startServeHarness();
    expect((await harness.send({ body: `Busco un Jetta ${'ñ'.repeat(2_100)}` })).status).toBe(200);
    const [reply] = await harness.twilio.waitForMessages(1);
    expect(reply!.body).not.toBe(NOTICES.too_long);
    expect((await harness.server.queue.list())[0]).toMatchObject({ reply: { kind: 'answer' } });
  });
});
