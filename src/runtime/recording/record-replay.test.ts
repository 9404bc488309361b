import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  completionReply,
  startFakeOpenAIServer,
  streamReply,
} from '../../../test/helpers/fake-openai-server.js';
import type { FakeOpenAIServer } from '../../../test/helpers/fake-openai-server.js';
import { ReplayMissError } from '../errors.js';
import { createOpenAIRuntime } from '../openai/index.js';
import { createReplayRuntime, RecordingSchema, withRecording } from '../record-replay.js';
import type { GenerateRequest, LanguageModelRuntime, StreamPart } from '../../core/ports/language-model.js';

const API_KEY = 'sk-record-secret-0123456789abcdef';
const IntentsSchema = z.object({ intents: z.array(z.enum(['greeting', 'cars', 'financing'])) });

const intentsCall: GenerateRequest = {
  task: { name: 'intents', input: { message: 'Hola, ¿financian un Versa?' } },
  messages: [
    { role: 'system', content: 'Clasifica las intenciones del cliente.' },
    { role: 'user', content: 'Hola, ¿financian un Versa?' },
  ],
  output: { name: 'intents', schema: IntentsSchema },
  temperature: 0,
};
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
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'kavak-recordings-'));
  return () => rm(dir, { recursive: true, force: true });
});

function recorded(): LanguageModelRuntime {
  return withRecording(
    createOpenAIRuntime({ apiKey: API_KEY, baseURL: server.url, model: 'gpt-4o-mini', maxRetries: 0 }),
    dir,
  );
}
const replay = () => createReplayRuntime(dir, { runtimeId: 'openai', model: 'gpt-4o-mini' });

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('withRecording + createReplayRuntime', () => {
  it('replays a recorded call with an identical result and no HTTP request', async () => {
    server.queue(
      completionReply({
        content: '{"intents":["greeting","financing"]}',
        usage: { prompt_tokens: 50, completion_tokens: 8 },
      }),
    );
    const live = await recorded().generate(intentsCall);
    expect(server.requests).toHaveLength(1);

    const replayed = await replay().generate(intentsCall);

    expect(replayed).toEqual(live);
    expect(replayed.object).toEqual({ intents: ['greeting', 'financing'] });
    expect(server.requests).toHaveLength(1);
  });

  it('writes one readable file per call, named by task, with no API key in it', async () => {
    server.queue(completionReply({ content: '{"intents":["cars"]}' }));
    const recorder = recorded();
    expect(recorder.id).toBe('openai');
    await recorder.generate(intentsCall);

    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^intents-[0-9a-f]{16}\.json$/);
    const text = await readFile(path.join(dir, files[0]!), 'utf8');
    expect(text).not.toContain(API_KEY);
    expect(text).toContain('\n  "task": "intents"');
    const recording = RecordingSchema.parse(JSON.parse(text));
    expect(recording).toMatchObject({
      task: 'intents',
      runtime: 'openai',
      model: 'gpt-4o-mini',
      request: { temperature: 0 },
    });
    expect(recording.request.messages).toEqual(intentsCall.messages);
    expect(recording.request.output).toMatchObject({
      name: 'intents',
      jsonSchema: { type: 'object', required: ['intents'] },
    });
    expect(recording.key).toHaveLength(64);
  });

  it('records a stream and replays it as deltas of the same text', async () => {
    server.queue(streamReply({ deltas: ['¡Hola! ', '¿Qué auto ', 'buscas?'] }));
    const live = await collect(recorded().stream(replyCall));
    const replayed = await collect(replay().stream(replyCall));

    const text = (parts: StreamPart[]) =>
      parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    expect(text(replayed)).toBe('¡Hola! ¿Qué auto buscas?');
    expect(replayed.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(1);
    expect(replayed.at(-1)).toEqual(live.at(-1));
    expect(server.requests).toHaveLength(1);
  });

  it('misses after the system prompt changes, naming the task, the change and how to re-record', async () => {
    server.queue(completionReply({ content: '{"intents":["cars"]}' }));
    await recorded().generate(intentsCall);
    const edited: GenerateRequest = {
      ...intentsCall,
      messages: [
        { role: 'system', content: 'Clasifica las intenciones del usuario.' },
        intentsCall.messages[1]!,
      ],
    };

    const error = await replay()
      .generate(edited)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReplayMissError);
    const miss = error as ReplayMissError;
    expect(miss.task).toBe('intents');
    expect(miss.message).toContain('"intents" task');
    expect(miss.hint).toMatch(
      /^intents-[0-9a-f]{16}\.json differs: the system prompt changed \(at char 30: .*cliente.*usuario/,
    );
    expect(miss.hint).toContain(`--record ${dir}`);
    expect(server.requests).toHaveLength(1);
  });

  it('says what changed when the user message or a parameter differs', async () => {
    server.queue(completionReply({ content: '{"intents":["cars"]}' }));
    await recorded().generate(intentsCall);
    const edited: GenerateRequest = {
      ...intentsCall,
      temperature: 0.7,
      messages: [intentsCall.messages[0]!, { role: 'user', content: 'Busco una Hilux' }],
    };
    const miss = (await replay()
      .generate(edited)
      .catch((e: unknown) => e)) as ReplayMissError;
    expect(miss.hint).toContain('the user message changed');
    expect(miss.hint).toContain('temperature 0 → 0.7');
  });

  it('misses when replaying for another model', async () => {
    server.queue(completionReply({ content: 'hola' }));
    await recorded().generate(replyCall);
    const other = createReplayRuntime(dir, { runtimeId: 'openai', model: 'gpt-4.1' });
    const miss = (await other.generate(replyCall).catch((e: unknown) => e)) as ReplayMissError;
    expect(miss).toBeInstanceOf(ReplayMissError);
    expect(miss.hint).toContain('recorded with openai/gpt-4o-mini, this call is for openai/gpt-4.1');
  });

  it('misses a task that was never recorded, and a missing folder, with a hint to record', async () => {
    server.queue(completionReply({ content: 'hola' }));
    await recorded().generate(replyCall);
    const neverRecorded = (await replay()
      .generate(intentsCall)
      .catch((e: unknown) => e)) as ReplayMissError;
    expect(neverRecorded.hint).toContain('There is no recording of the "intents" task');

    const nowhere = createReplayRuntime(path.join(dir, 'missing'), {
      runtimeId: 'openai',
      model: 'gpt-4o-mini',
    });
    const noFolder = (await nowhere.generate(replyCall).catch((e: unknown) => e)) as ReplayMissError;
    expect(noFolder).toBeInstanceOf(ReplayMissError);
    expect(noFolder.hint).toMatch(/does not exist\. Record first with --runtime openai --record/);
  });

  it('replays a call recorded against a --base-url server with no server given', async () => {
    server.queue(completionReply({ content: 'desde el servidor local' }));
    const local = withRecording(
      createOpenAIRuntime({ apiKey: API_KEY, baseURL: server.url, model: 'gpt-4o-mini', maxRetries: 0 }),
      dir,
      { baseUrl: server.url },
    );
    await local.generate(replyCall);
    expect((await replay().generate(replyCall)).text).toBe('desde el servidor local');
    expect(server.requests).toHaveLength(1);
  });

  it('does not record failed calls', async () => {
    server.queue({ kind: 'json', status: 400, body: { error: { message: 'bad' } } });
    await expect(recorded().generate(replyCall)).rejects.toThrow(/HTTP 400/);
    await expect(readdir(dir)).resolves.toEqual([]);
  });
});
