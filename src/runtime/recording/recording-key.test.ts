import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GenerateRequest } from '../../core/ports/language-model.js';
import { inRepetition, inSample } from './call-slot.js';
import { identifyCall, recordingKey, type CallEndpoint } from './recording-key.js';

const endpoint: CallEndpoint = { runtime: 'openai', model: 'gpt-4o-mini' };
const base: GenerateRequest = {
  task: { name: 'intents', input: { message: 'Hola' } },
  messages: [
    { role: 'system', content: 'Clasifica las intenciones.' },
    { role: 'user', content: 'Hola' },
  ],
  output: { name: 'intents', schema: z.object({ intents: z.array(z.string()) }) },
  temperature: 0,
  maxOutputTokens: 200,
};
const keyOf = (request: GenerateRequest, at: CallEndpoint = endpoint) =>
  recordingKey(identifyCall(request, at));

describe('the stored-answer key (recordings and the response cache)', () => {
  it('is the same for the same call, whatever the signal, task input or key order', () => {
    const again: GenerateRequest = {
      maxOutputTokens: 200,
      temperature: 0,
      output: { name: 'intents', schema: z.object({ intents: z.array(z.string()) }) },
      messages: base.messages.map((m) => ({ content: m.content, role: m.role })),
      task: { name: 'intents', input: { other: true } },
      signal: new AbortController().signal,
    };
    expect(keyOf(again)).toBe(keyOf(base));
    expect(keyOf(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every part of the request the model sees, and with who answers', () => {
    const variants: [string, string][] = [
      [
        'system prompt',
        keyOf({ ...base, messages: [{ role: 'system', content: 'Otro.' }, base.messages[1]!] }),
      ],
      [
        'user message',
        keyOf({ ...base, messages: [base.messages[0]!, { role: 'user', content: 'Buenas' }] }),
      ],
      ['temperature', keyOf({ ...base, temperature: 0.7 })],
      ['token budget', keyOf({ ...base, maxOutputTokens: 300 })],
      [
        'schema',
        keyOf({ ...base, output: { name: 'intents', schema: z.object({ intents: z.array(z.number()) }) } }),
      ],
      ['schema name', keyOf({ ...base, output: { ...base.output!, name: 'other' } })],
      ['free text', keyOf({ ...base, output: undefined })],
      ['model', keyOf({ ...base, model: 'gpt-4.1' })],
      ['default model', keyOf(base, { ...endpoint, model: 'gpt-4o' })],
      ['task', keyOf({ ...base, task: { name: 'judge', input: {} } })],
      ['runtime', keyOf(base, { ...endpoint, runtime: 'replay' })],
      ['server', keyOf(base, { ...endpoint, baseUrl: 'http://127.0.0.1:11434/v1' })],
      ['repetition', inRepetition(1, () => keyOf(base))],
      ['sample', inSample(2, () => keyOf(base))],
    ];
    const keys = new Set([keyOf(base), ...variants.map(([, key]) => key)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('keys each repetition and judge sample apart; the first of each keys as a plain call', () => {
    const plain = keyOf(base);
    expect(inRepetition(0, () => inSample(0, () => keyOf(base)))).toBe(plain);
    const slots = [0, 1, 2].flatMap((repetition) =>
      [0, 1].map((sample) => inRepetition(repetition, () => inSample(sample, () => keyOf(base)))),
    );
    expect(new Set(slots).size).toBe(6);
    // A sample keeps the repetition it runs in.
    expect(inRepetition(2, () => inSample(1, () => keyOf(base)))).toBe(slots[5]);
  });

  it('ignores a trailing slash on the server URL', () => {
    const at = (baseUrl: string) => keyOf(base, { ...endpoint, baseUrl });
    expect(at('http://127.0.0.1:8080/v1/')).toBe(at('http://127.0.0.1:8080/v1'));
  });
});
