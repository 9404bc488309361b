import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completionReply,
  errorReply,
  startFakeOpenAIServer,
  streamReply,
} from '../../../test/helpers/fake-openai-server.js';
import type { FakeOpenAIServer } from '../../../test/helpers/fake-openai-server.js';
import { DEFAULT_PRICES } from '../../app/config/schema.js';
import type { GenerateRequest, StreamPart } from '../../core/ports/language-model.js';
import { createOfflineRuntime } from '../offline/offline-runtime.js';
import { createOpenAIRuntime } from '../openai/index.js';
import { inRepetition } from './call-slot.js';
import { createReplayRuntime } from './replay-runtime.js';
import { createResponseCache } from './with-response-cache.js';
import { withRecording } from './with-recording.js';

const replyCall: GenerateRequest = {
  task: { name: 'reply', input: {} },
  messages: [
    { role: 'system', content: 'Eres un asesor de Kavak.' },
    { role: 'user', content: 'Hola' },
  ],
  temperature: 0.4,
};

let server: FakeOpenAIServer;
let dir: string;
let warnings: string[];
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  warnings = [];
  dir = await mkdtemp(path.join(tmpdir(), 'kavak-cache-'));
  return () => rm(dir, { recursive: true, force: true });
});

const openai = () =>
  createOpenAIRuntime({ apiKey: 'sk-test', baseURL: server.url, model: 'gpt-4o-mini', maxRetries: 0 });
const newCache = () =>
  createResponseCache({ dir, prices: DEFAULT_PRICES, onWarning: (message) => warnings.push(message) });

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('the response cache', () => {
  it('answers a repeated call with no request, marked cached, and counts the money saved', async () => {
    server.queue(
      completionReply({ content: '¡Hola!', usage: { prompt_tokens: 1000, completion_tokens: 100 } }),
    );
    const first = newCache();
    const live = await first.wrap(openai(), { baseUrl: server.url }).generate(replyCall);
    expect(live.cached).toBeUndefined();
    expect(first.stats).toEqual({ hits: 0, misses: 1, savedUsd: 0 });

    // A later run: a new cache over the same folder.
    const second = newCache();
    const again = await second.wrap(openai(), { baseUrl: server.url }).generate(replyCall);
    expect(server.requests).toHaveLength(1);
    expect(again).toEqual({ ...live, cached: true });
    const price = DEFAULT_PRICES['gpt-4o-mini']!;
    expect(second.stats.hits).toBe(1);
    expect(second.stats.misses).toBe(0);
    expect(second.stats.savedUsd).toBeCloseTo(
      (1000 * price.inputPerMillion + 100 * price.outputPerMillion) / 1e6,
    );
  });

  it('streams a hit as several deltas of the stored text', async () => {
    server.queue(streamReply({ deltas: ['¡Hola! ', '¿Qué auto ', 'buscas?'] }));
    await collect(newCache().wrap(openai()).stream(replyCall));
    const parts = await collect(newCache().wrap(openai()).stream(replyCall));
    const deltas = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));
    expect(deltas.join('')).toBe('¡Hola! ¿Qué auto buscas?');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', result: { cached: true } });
    expect(server.requests).toHaveLength(1);
  });

  it('never keeps a cut-off or failed answer', async () => {
    server.queue(
      completionReply({ content: 'Tenemos tres Nissan', finishReason: 'length' }),
      errorReply(500, 'down'),
      completionReply({ content: 'Tenemos tres Nissan Versa.' }),
    );
    const runtime = newCache().wrap(openai());
    expect((await runtime.generate(replyCall)).finishReason).toBe('length');
    await expect(runtime.generate(replyCall)).rejects.toThrow();
    expect((await runtime.generate(replyCall)).text).toBe('Tenemos tres Nissan Versa.');
    expect((await runtime.generate(replyCall)).cached).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('warns about a corrupt cache file, calls the model and rewrites it', async () => {
    server.queue(completionReply({ content: 'uno' }), completionReply({ content: 'dos' }));
    await newCache().wrap(openai()).generate(replyCall);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file!), '{"key": "trunca');

    const cache = newCache();
    const answer = await cache.wrap(openai()).generate(replyCall);
    expect(answer.text).toBe('dos');
    expect(cache.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not valid JSON.*the model answers instead/);
    expect((await newCache().wrap(openai()).generate(replyCall)).text).toBe('dos');
    expect(server.requests).toHaveLength(2);
  });

  it('runs on when the cache folder cannot be written, saying so once', async () => {
    server.fallback(() => completionReply({ content: 'hola' }));
    const blocked = path.join(dir, 'file-not-folder');
    await writeFile(blocked, '');
    const cache = createResponseCache({
      dir: blocked,
      prices: DEFAULT_PRICES,
      onWarning: (message) => warnings.push(message),
    });
    const runtime = cache.wrap(openai());
    expect((await runtime.generate(replyCall)).text).toBe('hola');
    expect((await runtime.generate({ ...replyCall, temperature: 0 })).text).toBe('hola');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`writing to ${blocked} failed`);
  });

  it('keeps every concurrent writer whole: many identical calls at once leave one readable file', async () => {
    server.fallback(() => completionReply({ content: 'igual' }));
    const runtime = newCache().wrap(openai());
    await Promise.all(Array.from({ length: 12 }, () => runtime.generate(replyCall)));
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8'))).toMatchObject({ task: 'reply' });
    expect((await newCache().wrap(openai()).generate(replyCall)).cached).toBe(true);
  });

  it('keys repetitions and servers apart', async () => {
    server.fallback(() => completionReply({ content: 'hola' }));
    await newCache().wrap(openai()).generate(replyCall);
    await inRepetition(1, () => newCache().wrap(openai()).generate(replyCall));
    await newCache().wrap(openai(), { baseUrl: 'http://127.0.0.1:1/v1' }).generate(replyCall);
    expect(server.requests).toHaveLength(3);
    expect((await inRepetition(1, () => newCache().wrap(openai()).generate(replyCall))).cached).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('is one store with record/replay: recordings answer the cache, cache entries replay', async () => {
    server.queue(completionReply({ content: 'grabado' }), completionReply({ content: 'cacheado' }));
    await withRecording(openai(), dir).generate(replyCall);
    expect(await newCache().wrap(openai()).generate(replyCall)).toMatchObject({
      text: 'grabado',
      cached: true,
    });

    const other: GenerateRequest = { ...replyCall, messages: [{ role: 'user', content: 'Busco un Versa' }] };
    await newCache().wrap(openai()).generate(other);
    const replay = createReplayRuntime(dir, { runtimeId: 'openai', model: 'gpt-4o-mini' });
    expect((await replay.generate(other)).text).toBe('cacheado');
    expect(server.requests).toHaveLength(2);
  });

  it('leaves the offline runtime alone: it is free and deterministic', () => {
    const offline = createOfflineRuntime();
    expect(newCache().wrap(offline)).toBe(offline);
  });
});
