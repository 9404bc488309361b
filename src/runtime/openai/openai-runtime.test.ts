import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  completionReply,
  errorReply,
  startFakeOpenAIServer,
  streamReply,
} from '../../../test/helpers/fake-openai-server.js';
import type { FakeOpenAIServer } from '../../../test/helpers/fake-openai-server.js';
import { ConfigError } from '../../support/errors.js';
import { ModelCallError } from '../errors.js';
import type { GenerateRequest, StreamPart } from '../../core/ports/language-model.js';
import { createOpenAIRuntime } from './index.js';
import type { OpenAIRuntimeSettings } from './index.js';
import { REASONING_ALLOWANCE_TOKENS } from './token-limit.js';

const API_KEY = 'sk-test-secret-0123456789abcdef';
const IntentsSchema = z.object({ intents: z.array(z.enum(['greeting', 'cars', 'financing'])) });

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function runtime(settings: Partial<OpenAIRuntimeSettings> = {}) {
  return createOpenAIRuntime({
    apiKey: API_KEY,
    baseURL: server.url,
    model: 'gpt-4o-mini',
    maxRetries: 2,
    ...settings,
  });
}

const freeText: GenerateRequest = {
  task: { name: 'reply', input: {} },
  messages: [
    { role: 'system', content: 'Eres un asesor de Kavak.' },
    { role: 'user', content: 'Hola, busco un Versa' },
  ],
  temperature: 0.3,
  maxOutputTokens: 200,
};
const structured: GenerateRequest = {
  ...freeText,
  task: { name: 'intents', input: {} },
  output: { name: 'intents', schema: IntentsSchema },
};

async function captureError(promise: Promise<unknown>): Promise<ModelCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ModelCallError.is(error)) throw new Error(`expected a ModelCallError, got ${String(error)}`);
  return error;
}

describe('createOpenAIRuntime: structured output', () => {
  it('sends a strict JSON schema and returns the parsed object, text and usage', async () => {
    server.queue(
      completionReply({
        content: '{"intents":["greeting","cars"]}',
        usage: { prompt_tokens: 42, completion_tokens: 9 },
      }),
    );

    const result = await runtime().generate(structured);

    expect(result).toEqual({
      text: '{"intents":["greeting","cars"]}',
      object: { intents: ['greeting', 'cars'] },
      usage: { inputTokens: 42, outputTokens: 9 },
      finishReason: 'stop',
      model: 'gpt-4o-mini-2024-07-18',
      warnings: [],
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: freeText.messages,
      temperature: 0.3,
      max_tokens: 200,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'intents', strict: true, schema: { type: 'object' } },
      },
    });
  });

  it('returns malformed JSON as raw text with no object, without throwing', async () => {
    server.queue(completionReply({ content: '{"intents": ["greeting"' }));
    const result = await runtime().generate(structured);
    expect(result.text).toBe('{"intents": ["greeting"');
    expect(result.object).toBeUndefined();
    expect(result.finishReason).toBe('stop');
  });

  it('returns JSON that breaks the schema as raw text with no object', async () => {
    server.queue(completionReply({ content: '{"intents":["weather"]}' }));
    const result = await runtime().generate(structured);
    expect(result.text).toBe('{"intents":["weather"]}');
    expect(result.object).toBeUndefined();
  });

  it('keeps text and usage when the model hits the length limit', async () => {
    server.queue(
      completionReply({
        content: '{"intents":["gre',
        finishReason: 'length',
        usage: { prompt_tokens: 5, completion_tokens: 3 },
      }),
    );
    const result = await runtime().generate(structured);
    expect(result).toMatchObject({
      text: '{"intents":["gre',
      object: undefined,
      finishReason: 'length',
      usage: { inputTokens: 5, outputTokens: 3 },
    });
  });

  it('maps a content filter finish', async () => {
    server.queue(completionReply({ content: '', finishReason: 'content_filter' }));
    expect((await runtime().generate(freeText)).finishReason).toBe('content-filter');
  });
});

describe('createOpenAIRuntime: free text', () => {
  it('sends no response_format and maps usage and model', async () => {
    server.queue(
      completionReply({
        content: '¡Hola! Tengo 3 Versa.',
        usage: { prompt_tokens: 120, completion_tokens: 15 },
        model: 'llama3.1:8b',
      }),
    );
    const result = await runtime().generate(freeText);
    expect(result).toMatchObject({
      text: '¡Hola! Tengo 3 Versa.',
      usage: { inputTokens: 120, outputTokens: 15 },
      model: 'llama3.1:8b',
    });
    expect(result.object).toBeUndefined();
    expect(server.requests[0]?.body).not.toHaveProperty('response_format');
  });

  it('warns when the server reports no usage', async () => {
    server.queue(completionReply({ content: 'hola', usage: null }));
    const result = await runtime().generate(freeText);
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(result.warnings.join(' ')).toMatch(/no token usage/);
  });

  it('sends max_completion_tokens and no temperature to reasoning models, with a warning', async () => {
    server.queue(completionReply({ content: 'hola' }));
    const result = await runtime({ model: 'o4-mini' }).generate(freeText);
    // Its hidden reasoning comes out of the same budget, so it gets an allowance on top.
    expect(server.requests[0]?.body).toMatchObject({
      model: 'o4-mini',
      max_completion_tokens: 200 + REASONING_ALLOWANCE_TOKENS,
    });
    expect(server.requests[0]?.body).not.toHaveProperty('temperature');
    expect(server.requests[0]?.body).not.toHaveProperty('max_tokens');
    expect(result.warnings.join(' ')).toMatch(/temperature is ignored/);
  });

  it('sends the budget as max_completion_tokens to api.openai.com and as max_tokens elsewhere', async () => {
    // No base URL means api.openai.com; the SDK's fetch is pointed at the local server instead.
    const toLocal: typeof fetch = (input, init) =>
      fetch(
        String(input instanceof Request ? input.url : input).replace('https://api.openai.com/v1', server.url),
        init,
      );
    server.queue(completionReply({ content: 'hola' }), streamReply({ deltas: ['ho', 'la'] }));
    const platform = runtime({ baseURL: undefined, fetch: toLocal });
    await platform.generate(freeText);
    for await (const part of platform.stream(freeText)) void part;
    for (const request of server.requests) {
      expect(request.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 200 });
      expect(request.body).not.toHaveProperty('max_tokens');
    }

    server.reset();
    server.queue(streamReply({ deltas: ['hola'] }));
    for await (const part of runtime().stream(freeText)) void part;
    expect(server.requests[0]?.body).toMatchObject({ stream: true, max_tokens: 200 });
    expect(server.requests[0]?.body).not.toHaveProperty('max_completion_tokens');
  });

  it('uses the model named by the request over the default', async () => {
    server.queue(completionReply({ content: 'hola' }));
    await runtime().generate({ ...freeText, model: 'gpt-4.1-nano' });
    expect(server.requests[0]?.body).toMatchObject({ model: 'gpt-4.1-nano' });
  });
});

describe('createOpenAIRuntime: retries and errors', () => {
  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    server.queue(
      errorReply(429, 'Rate limit reached', { 'retry-after': '0' }),
      completionReply({ content: 'hola' }),
    );
    const result = await runtime().generate(freeText);
    expect(result.text).toBe('hola');
    expect(server.requests).toHaveLength(2);
  });

  it('retries 500 twice with backoff, then succeeds', async () => {
    server.queue(errorReply(500, 'boom'), errorReply(500, 'boom'), completionReply({ content: 'por fin' }));
    const result = await runtime({ maxRetries: 2 }).generate(freeText);
    expect(result.text).toBe('por fin');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up on a persistent 500 with a retryable server error', async () => {
    server.fallback(errorReply(500, 'The server had an error', { 'retry-after': '0' }));
    const error = await captureError(runtime({ maxRetries: 2 }).generate(freeText));
    expect(error).toMatchObject({
      kind: 'server',
      isRetryable: true,
      status: 500,
      url: `${server.url}/chat/completions`,
    });
    expect(error.body).toContain('The server had an error');
    expect(error.message).toContain('HTTP 500');
    expect(server.requests).toHaveLength(3);
  });

  it('times out when the server answers later than timeoutMs', async () => {
    // Had the 200 ms limit not cut it, the call would succeed with "tarde" after 3 s.
    server.fallback({ ...completionReply({ content: 'tarde' }), delayMs: 3_000 });
    const error = await captureError(runtime({ timeoutMs: 200, maxRetries: 0 }).generate(freeText));
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
    expect(error.hint).toMatch(/timeoutMs/);
  });

  it('maps a 401 to an auth error with a hint and never shows the key', async () => {
    server.queue(errorReply(401, `Incorrect API key provided: ${API_KEY}.`, {}, 'invalid_api_key'));
    const error = await captureError(runtime().generate(freeText));
    expect(error).toMatchObject({ kind: 'auth', isRetryable: false, status: 401 });
    expect(error.hint).toMatch(/OPENAI_API_KEY/);
    expect(error.message).toContain('Incorrect API key provided');
    expect(`${error.message} ${error.body} ${error.hint}`).not.toContain(API_KEY);
    expect(server.requests).toHaveLength(1);
  });

  it('does not call a spent quota retryable', async () => {
    server.fallback(
      errorReply(429, 'You exceeded your current quota', { 'retry-after': '0' }, 'insufficient_quota'),
    );
    const error = await captureError(runtime({ maxRetries: 0 }).generate(freeText));
    expect(error).toMatchObject({ kind: 'rate_limit', isRetryable: false });
    expect(error.hint).toMatch(/billing/);
  });

  it('stops at once when the caller aborts, as a non-retryable cancellation', async () => {
    server.fallback({ ...completionReply({ content: 'tarde' }), delayMs: 3_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await captureError(runtime().generate({ ...freeText, signal: controller.signal }));
    expect(error).toMatchObject({ kind: 'other', isRetryable: false });
    expect(error.message).toMatch(/cancelled/);
    expect(server.requests).toHaveLength(1);
  });

  it('leaves no listener on a long-lived signal shared by many calls (eval passes one run-wide signal)', async () => {
    server.fallback((request) =>
      (request.body as { stream?: boolean }).stream
        ? streamReply({ deltas: ['ho', 'la'] })
        : completionReply({ content: 'hola' }),
    );
    const run = new AbortController();
    for (let i = 0; i < 12; i++) {
      await runtime().generate({ ...freeText, signal: run.signal });
      for await (const part of runtime().stream({ ...freeText, signal: run.signal })) void part;
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('maps an unreachable server to a connection error', async () => {
    const closedPort = await freePort();
    const error = await captureError(
      createOpenAIRuntime({
        baseURL: `http://127.0.0.1:${closedPort}/v1`,
        model: 'llama3.1',
        maxRetries: 0,
      }).generate(freeText),
    );
    expect(error).toMatchObject({ kind: 'connection', isRetryable: true });
    expect(error.message).toContain(`127.0.0.1:${closedPort}`);
  });
});

describe('createOpenAIRuntime: an answer whose body stalls', () => {
  it('times out when the body stalls after the headers: timeoutMs covers the whole answer', async () => {
    // Before, the timeout ended with the headers, and the call hung for undici's 300 s body timeout.
    const whole = JSON.stringify(completionReply({ content: 'hola' }).body);
    const stalling = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(whole.length) });
        res.write(whole.slice(0, whole.length / 2));
      });
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const error = await captureError(
        runtime({ baseURL: `http://127.0.0.1:${port}/v1`, timeoutMs: 300, maxRetries: 0 }).generate(freeText),
      );
      expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });
});

describe('createOpenAIRuntime: settings', () => {
  it('refuses to start with no key and no base URL, saying what to do', () => {
    let thrown: unknown;
    try {
      createOpenAIRuntime({ model: 'gpt-4o-mini', apiKey: '  ' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).hint).toMatch(/OPENAI_API_KEY.*--runtime offline/);
  });

  it('sends a placeholder key to a local server when none is set', async () => {
    server.queue(completionReply({ content: 'hola' }));
    await createOpenAIRuntime({ baseURL: server.url, model: 'llama3.1' }).generate(freeText);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer not-needed');
  });
});

describe('createOpenAIRuntime: stream', () => {
  it('yields deltas that concatenate to the text, then one finish part with usage', async () => {
    server.queue(
      streamReply({
        deltas: ['¡Hola! ', 'Tengo ', '3 Versa.'],
        usage: { prompt_tokens: 30, completion_tokens: 6 },
      }),
    );
    const parts: StreamPart[] = [];
    for await (const part of runtime().stream(freeText)) parts.push(part);

    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : []));
    expect(deltas).toEqual(['¡Hola! ', 'Tengo ', '3 Versa.']);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      result: {
        text: '¡Hola! Tengo 3 Versa.',
        object: undefined,
        usage: { inputTokens: 30, outputTokens: 6 },
        finishReason: 'stop',
        model: 'gpt-4o-mini-2024-07-18',
        warnings: [],
      },
    });
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('parses a streamed structured answer at the end', async () => {
    server.queue(streamReply({ deltas: ['{"intents":', '["financing"]}'] }));
    let finish: StreamPart | undefined;
    for await (const part of runtime().stream(structured)) if (part.type === 'finish') finish = part;
    expect(finish?.type === 'finish' && finish.result.object).toEqual({ intents: ['financing'] });
  });

  it('maps an HTTP error before the stream starts', async () => {
    server.queue(errorReply(401, 'bad key'));
    const error = await captureError(
      (async () => {
        for await (const _part of runtime().stream(freeText)) {
          /* drain */
        }
      })(),
    );
    expect(error.kind).toBe('auth');
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
