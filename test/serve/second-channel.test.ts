/**
 * serve with a channel that shares nothing with WhatsApp: JSON webhook, its own signature header,
 * a 60-character message limit, a JSON inline reply and its own sender. If serve still knew a
 * Twilio name (a form field, TwiML, the REST client), these turns would not get through.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/app/config/load-config.js';
import { openServeStores } from '../../src/app/serve-stores.js';
import type { Channel, OutboundMessage, SignaturePolicy } from '../../src/channels/channel.js';
import { createLogger } from '../../src/support/logger.js';
import { createPipeline } from '../../src/core/pipeline.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { parseServeSettings, type ServeSettingsInput } from '../../src/serve/settings.js';
import { tempDbPath } from './helpers/queue-harness.js';
import { eventually } from './helpers/serve-harness.js';

const TOKEN = 'json-channel-secret';
const MAX_CHARS = 60;

const sign = (url: string, id: string) =>
  createHmac('sha256', TOKEN)
    .update(url + id)
    .digest('hex');

/** Words packed into messages of at most MAX_CHARS (the test channel's own rule). */
function splitIntoShortMessages(text: string): string[] {
  const messages: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = messages.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= MAX_CHARS)
      messages[messages.length - 1] = `${last} ${word}`;
    else messages.push(word.slice(0, MAX_CHARS));
  }
  return messages;
}

function jsonChannel(sent: OutboundMessage[]): Channel {
  return {
    // The name enum holds one name today; everything else about this channel is its own.
    name: 'whatsapp',
    webhookPath: '/test/json',
    bodyFormat: 'json',
    signatureHeader: 'X-Test-Signature',
    maxMessageChars: MAX_CHARS,
    splitReply: splitIntoShortMessages,
    parseInbound(fields) {
      const { id, user, bot, text } = fields;
      if (typeof id !== 'string' || typeof user !== 'string' || typeof bot !== 'string')
        return { ok: false, problem: 'Missing id, user or bot.' };
      return {
        ok: true,
        message: {
          channel: 'whatsapp',
          externalId: id,
          conversationId: `json_${user}`,
          from: user,
          to: bot,
          body: typeof text === 'string' ? text : '',
          mediaCount: 0,
          payload: fields,
        },
      };
    },
    contentOf: () => ({ mediaCount: 0, otherContent: false }),
    verifySignature: (request, policy: Extract<SignaturePolicy, { kind: 'verify' }>) =>
      typeof request.fields.id === 'string' &&
      policy.authTokens.includes(TOKEN) &&
      request.signature === sign(request.url, request.fields.id),
    renderWebhookReply: (messages) => ({
      contentType: 'application/json',
      body: JSON.stringify({ messages }),
    }),
    createSender: () => ({
      send(message) {
        sent.push(message);
        return Promise.resolve(`out_${sent.length}`);
      },
    }),
    describeSendFailure: (error) => ({ retryable: false, kind: 'json_channel', reason: String(error) }),
    credentialsHint: 'give the JSON channel a token',
  };
}

let app: App | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.shutdown({ force: true });
  await app?.close();
  server = undefined;
  app = undefined;
});

async function startJsonServer(settings: ServeSettingsInput, sent: OutboundMessage[]) {
  const channel = jsonChannel(sent);
  const logger = createLogger({ level: 'error', write: () => {} });
  app = await createApp(loadConfig({ runtime: 'offline', db: tempDbPath() }, {}), { logger });
  // The wiring picks the splitter: here the test channel's.
  const pipeline = createPipeline({ ...app.pipeline.deps, splitReply: channel.splitReply });
  server = await startServer({
    pipeline,
    channel,
    ...(await openServeStores({
      db: app.config.db,
      storage: app.storage,
      conversations: app.conversations,
      modelRpm: 0,
    })),
    logger,
    settings: parseServeSettings({ port: 0, ...settings }, {}),
    setup: {
      signature: { kind: 'verify', authTokens: [TOKEN] },
      twilio: { accountId: 'json-account', authToken: TOKEN },
      warnings: [],
    },
  });
  return server;
}

async function post(running: RunningServer, body: Record<string, string>, signature?: string) {
  const url = running.webhookUrl;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-test-signature': signature ?? sign(url, body.id ?? ''),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('serve on a second channel (real HTTP, real app offline, a JSON channel)', () => {
  it('answers inline in the channel’s own format, split by the channel’s own limit', async () => {
    const running = await startJsonServer({ reply: 'twiml' }, []);
    const answer = await post(running, { id: 'm1', user: 'ana', bot: 'kavak', text: 'Hola, busco un Jetta' });
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    const { messages } = JSON.parse(answer.text) as { messages: string[] };
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(messages.join(' ')).toMatch(/Jetta/);
    expect(await running.queue.list()).toMatchObject([{ externalId: 'm1', from: 'ana', status: 'replied' }]);
  });

  it('sends by the channel’s own sender, part by part and in order, once per message id', async () => {
    const sent: OutboundMessage[] = [];
    const running = await startJsonServer({ reply: 'rest' }, sent);
    const message = { id: 'm2', user: 'beto', bot: 'kavak', text: 'Hola, busco un Jetta' };
    const answers = [await post(running, message), await post(running, message)];
    expect(answers.map((a) => [a.status, a.text])).toEqual([
      [200, '{"messages":[]}'],
      [200, '{"messages":[]}'],
    ]);
    const [stored] = await eventually(
      async () => {
        const messages = await running.queue.list();
        return messages.length > 0 && messages.every((m) => m.status === 'replied') && messages;
      },
      10_000,
      'the reply',
    );
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.from === 'kavak' && m.to === 'beto' && m.body.length <= MAX_CHARS)).toBe(true);
    expect(sent.map((m) => m.body)).toEqual(stored!.reply?.parts);
    expect(stored!.sentPartIds).toEqual(sent.map((_, i) => `out_${i + 1}`));
  });

  it('refuses a request the channel cannot verify, naming the channel’s header', async () => {
    const running = await startJsonServer({ reply: 'rest' }, []);
    const forged = await post(running, { id: 'm3', user: 'eve', bot: 'kavak', text: 'Hola' }, 'forged');
    expect(forged).toMatchObject({ status: 403, text: 'Invalid or missing X-Test-Signature.' });
    const invalid = await post(running, { id: 'm4', text: 'Hola' });
    expect(invalid).toMatchObject({ status: 400, text: 'Missing id, user or bot.' });
    expect(await running.queue.list()).toEqual([]);
  });
});
