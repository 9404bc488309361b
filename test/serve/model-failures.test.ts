import { afterEach, describe, expect, it } from 'vitest';
import { WHATSAPP_MAX_CHARS } from '../../src/channels/whatsapp/split-reply.js';
import { FALLBACK_REPLY } from '../../src/serve/inbound-message.js';
import { errorReply, startFakeModel, type FakeModel } from './helpers/fake-model.js';
import { eventually, startServeHarness, type ServeHarness } from './helpers/serve-harness.js';

let harness: ServeHarness | undefined;
let model: FakeModel | undefined;
afterEach(async () => {
  await harness?.close();
  await model?.close();
  harness = model = undefined;
});

const openai = (url: string) => ({
  runtime: 'openai' as const,
  model: 'gpt-4o-mini',
  baseUrl: url,
  apiKey: 'sk-test',
  timeoutMs: 300,
  maxRetries: 0,
});

describe('a broken model behind kavak serve (openai runtime → fake OpenAI server)', () => {
  it('retries 429, 500 and timeouts with backoff, answers when the model recovers, else sends the fallback', async () => {
    let callsForAna = 0;
    model = await startFakeModel({
      replyText: '¡Hola Ana! ¿Qué auto te gustaría ver?',
      answer(request) {
        const text = JSON.stringify(request.body);
        if (text.includes('soy Beto')) return errorReply(500, 'upstream exploded');
        if (!text.includes('soy Ana')) return undefined;
        const call = callsForAna++;
        if (call === 0) return errorReply(429, 'Rate limit reached', { 'retry-after': '0' });
        if (call === 1) return errorReply(500, 'The server had an error');
        if (call === 2) return { kind: 'json', status: 200, body: {}, delayMs: 2_000 }; // past timeoutMs
        return undefined;
      },
    });
    harness = await startServeHarness({
      config: openai(model.url),
      settings: { maxAttempts: 4, concurrency: 2 },
    });
    await harness.send({ body: 'Hola, soy Ana', from: '+5215511111111' });
    await harness.send({ body: 'Hola, soy Beto', from: '+5215522222222' });

    await eventually(
      async () =>
        (await harness!.server.queue.list()).every((m) => m.status === 'replied' || m.status === 'failed'),
      20_000,
      'both settled',
    );
    const [ana, beto] = await harness.server.queue.list();
    expect(ana).toMatchObject({ status: 'replied', attempts: 4, reply: { kind: 'answer' } });
    expect(beto).toMatchObject({ status: 'failed', attempts: 4, reply: { kind: 'fallback' } });
    expect(beto!.error).toMatch(/HTTP 500/);
    expect(harness.twilio.to('whatsapp:+5215511111111').map((m) => m.body)).toEqual([
      '¡Hola Ana! ¿Qué auto te gustaría ver?',
    ]);
    expect(harness.twilio.to('whatsapp:+5215522222222').map((m) => m.body)).toEqual([FALLBACK_REPLY]);

    const metrics = await (await fetch(`${harness.server.url}/metrics`)).text();
    expect(metrics).toMatch(/kavak_errors_total\{kind="model_rate_limit"\} 1/);
    expect(metrics).toMatch(/kavak_errors_total\{kind="model_server"\} [4-5]/);
    expect(metrics).toMatch(/kavak_errors_total\{kind="model_timeout"\} 1/);
    expect(metrics).toMatch(/kavak_messages\{status="failed"\} 1/);
  });

  it('retries a truncated model answer (cut-off JSON) instead of sending the fallback at once', async () => {
    let calls = 0;
    model = await startFakeModel({
      replyText: '¡Hola Carla! ¿Qué auto buscas?',
      answer: () =>
        calls++ === 0
          ? { kind: 'json', status: 200, body: '{"id":"chatcmpl-fake","object":"chat.completion","choi' }
          : undefined,
    });
    harness = await startServeHarness({ config: openai(model.url), settings: { maxAttempts: 3 } });
    await harness.send({ body: 'Hola, soy Carla', from: '+5215566666666' });
    const [message] = await eventually(async () => {
      const all = await harness!.server.queue.list();
      return all[0]?.status === 'replied' || all[0]?.status === 'failed' ? all : undefined;
    });
    expect(message).toMatchObject({ status: 'replied', attempts: 2, reply: { kind: 'answer' } });
    expect(harness.twilio.to('whatsapp:+5215566666666').map((m) => m.body)).toEqual([
      '¡Hola Carla! ¿Qué auto buscas?',
    ]);
  });

  it('counts a turn that outlives --turn-timeout-ms as a failed attempt and falls back', async () => {
    model = await startFakeModel({ delayMs: 1_500 });
    harness = await startServeHarness({
      config: { ...openai(model.url), timeoutMs: 10_000 },
      settings: { maxAttempts: 2, turnTimeoutMs: 200 },
    });
    await harness.send({ body: 'Hola', from: '+5215533333333' });
    await harness.twilio.waitForMessages(1, 10_000);
    const [message] = await eventually(async () => {
      const all = await harness!.server.queue.list();
      return all[0]?.status === 'failed' ? all : undefined;
    });
    expect(message).toMatchObject({ attempts: 2, reply: { kind: 'fallback' } });
    expect(message!.error).toMatch(/within 200 ms/);
    expect(harness.twilio.messages.map((m) => m.body)).toEqual([FALLBACK_REPLY]);
  });

  it('splits a long reply at paragraph breaks into WhatsApp messages, sent in order', async () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) =>
        `Párrafo ${'uno dos tres cuatro cinco seis siete ocho nueve diez '.repeat(9)}fin ${'ABCDEF'[i]}.`,
    );
    model = await startFakeModel({ replyText: paragraphs.join('\n\n') });
    harness = await startServeHarness({ config: openai(model.url) });
    await harness.send({ body: 'Hola', from: '+5215544444444' });
    const stored = await eventually(async () =>
      (await harness!.server.queue.list()).find((m) => m.status === 'replied'),
    );
    const sent = harness.twilio.to('whatsapp:+5215544444444');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.body.length <= WHATSAPP_MAX_CHARS)).toBe(true);
    expect(sent.map((m) => m.body).join('\n\n')).toBe(paragraphs.join('\n\n'));
    expect(stored.sentPartIds).toEqual(sent.map((m) => m.sid));
  });
});
