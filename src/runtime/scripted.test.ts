import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text.js';
import { ModelCallError } from './errors.js';
import { createScriptedRuntime } from './scripted.js';
import type { GenerateRequest, StreamPart } from '../core/ports/language-model.js';

const call = (name: string, user = 'Hola'): GenerateRequest => ({
  task: { name, input: { user } },
  messages: [{ role: 'user', content: user }],
});

describe('createScriptedRuntime', () => {
  it('answers every call with a single string and records the calls', async () => {
    const runtime = createScriptedRuntime('¡Hola! ¿Qué auto buscas?');
    const first = await runtime.generate(call('reply'));
    await runtime.generate(call('reply', 'Otra vez'));

    expect(runtime.id).toBe('scripted');
    expect(first).toEqual({
      text: '¡Hola! ¿Qué auto buscas?',
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: 'stop',
      model: 'scripted-model',
      warnings: [],
    });
    expect(runtime.calls.map((c) => c.messages[0]?.content)).toEqual(['Hola', 'Otra vez']);
  });

  it('consumes a list in order and says so when it runs out', async () => {
    const runtime = createScriptedRuntime([{ intents: ['cars'] }, 'segunda']);
    const first = await runtime.generate(call('intents'));
    expect(first.text).toBe('{"intents":["cars"]}');
    expect(first.object).toBeUndefined();
    expect((await runtime.generate(call('reply'))).text).toBe('segunda');
    await expect(runtime.generate(call('judge'))).rejects.toThrow(
      /ran out of answers: call 3 \(task "judge"\) but the script has 2/,
    );
  });

  it('merges a partial result over defaults and fills text from object', async () => {
    const runtime = createScriptedRuntime([
      { object: { text: 'hola' }, usage: { inputTokens: 10, outputTokens: 4 } },
      { text: 'cortado', finishReason: 'length' },
    ]);
    expect(await runtime.generate(call('reply'))).toMatchObject({
      text: '{"text":"hola"}',
      object: { text: 'hola' },
      usage: { inputTokens: 10, outputTokens: 4 },
    });
    expect(await runtime.generate(call('reply'))).toMatchObject({ text: 'cortado', finishReason: 'length' });
  });

  it('answers from a function of the request and call index', async () => {
    const runtime = createScriptedRuntime((request, index) => `${request.task.name}#${index}`, {
      model: 'fake-4o',
    });
    expect((await runtime.generate(call('intents'))).text).toBe('intents#0');
    const second = await runtime.generate({ ...call('reply'), model: 'gpt-4.1' });
    expect(second).toMatchObject({ text: 'reply#1', model: 'gpt-4.1' });
    expect(runtime.model).toBe('fake-4o');
  });

  it('rejects with a scripted error', async () => {
    const failure = new ModelCallError('boom', { kind: 'server', status: 500 });
    const runtime = createScriptedRuntime([failure, 'ok']);
    await expect(runtime.generate(call('reply'))).rejects.toBe(failure);
    expect((await runtime.generate(call('reply'))).text).toBe('ok');
    expect(runtime.calls).toHaveLength(2);
  });

  it('streams the text in several deltas, then the finish part', async () => {
    const runtime = createScriptedRuntime('Tenemos tres Nissan Versa 2020 desde $189,000 en CDMX.');
    const parts: StreamPart[] = [];
    for await (const part of runtime.stream(call('reply'))) parts.push(part);
    const deltas = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Tenemos tres Nissan Versa 2020 desde $189,000 en CDMX.');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', result: { text: deltas.join('') } });
    expect(runtime.calls).toHaveLength(1);
  });
});

describe('chunkText', () => {
  it('splits on word boundaries and joins back exactly', () => {
    const text = 'uno dos  tres\ncuatro cinco seis siete';
    const chunks = chunkText(text, 3);
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe(text);
    expect(chunkText('')).toEqual([]);
    expect(chunkText('palabra')).toEqual(['palabra']);
  });
});
