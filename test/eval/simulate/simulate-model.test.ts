import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunResultSchema } from '../../../src/eval/results/schema.js';
import {
  completionReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
  type ReceivedRequest,
} from '../../helpers/fake-openai-server.js';
import { runKavak } from '../../helpers/run-kavak.js';
import { tempDir } from '../eval-fixtures.js';

/**
 * The customer played through the model path: the real openai SDK in the built CLI talks to a
 * scripted OpenAI-compatible server on 127.0.0.1 (the agent stays offline). One persona gets a
 * broken answer that the repair turn fixes; the other never answers valid JSON.
 */
let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());

const persona = (id: string, name: string) =>
  [
    `id: ${id}`,
    `name: ${name}`,
    'goal: una camioneta de menos de 350 mil',
    'budget: 350000',
    'city: Monterrey',
    'maxTurns: 4',
    'success: { description: ve camionetas con precio }',
    'judges: [stayed-in-role]',
  ].join('\n');

const turn = (status: string, message: string) =>
  completionReply({ content: JSON.stringify({ reason: 'porque sí', status, message }) });

/** What the customer model answers, by persona (its name is in the prompt) and call number. */
function customerScript(): (request: ReceivedRequest) => ReturnType<typeof completionReply> {
  const calls = new Map<string, number>();
  return (request) => {
    const text = JSON.stringify(request.body);
    const who = text.includes('Lupita') ? 'lupita' : 'beto';
    const n = (calls.get(who) ?? 0) + 1;
    calls.set(who, n);
    if (who === 'beto') return completionReply({ content: 'claro, te escribo luego' });
    if (n === 1) return turn('continue', 'busco una camioneta de menos de 350 mil');
    if (n === 2) return completionReply({ content: '{"status": "goal_reached", "message": "gracias"' });
    return turn('goal_reached', 'gracias, ahí nos vemos');
  };
}

describe('kavak eval simulate with a model playing the customer', () => {
  it('repairs an invalid answer once, and ends a conversation with a clear reason when it stays invalid', async () => {
    const dir = tempDir('kavak-personas-');
    writeFileSync(join(dir, 'lupita.yaml'), persona('lupita', 'Lupita'));
    writeFileSync(join(dir, 'beto.yaml'), persona('beto', 'Beto'));
    server.fallback(customerScript());
    const out = tempDir('kavak-sim-model-');
    const result = await runKavak(
      [
        '--runtime',
        'offline',
        'eval',
        'simulate',
        '--personas',
        dir,
        '--customer-runtime',
        'openai',
        '--customer-base-url',
        server.url,
        '--customer-model',
        'gpt-4o-mini',
        '-j',
        '1',
        '--out',
        out,
        '--no-progress',
      ],
      { env: { OPENAI_API_KEY: 'sk-test-not-a-real-key' } },
    );
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(result.code).toBe(0);
    const run = RunResultSchema.parse(JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')));

    const lupita = run.cases.find((c) => c.id === 'lupita')!;
    expect(lupita.turns.map((t) => t.user)).toEqual(['busco una camioneta de menos de 350 mil']);
    expect(lupita.turns[0]!.reply).toMatch(/\$\d/);
    expect(lupita.simulation).toMatchObject({ ended: 'goal', closing: 'gracias, ahí nos vemos' });
    expect(lupita.simulation?.customer).toMatchObject({ runtime: 'openai', model: 'gpt-4o-mini', calls: 3 });
    expect(lupita.status).toBe('passed');

    // The repair turn shows the model its broken answer and the error (prompts/repair.md).
    const repair = server.requests.find((r) =>
      JSON.stringify(r.body).includes('"status\\": \\"goal_reached\\", \\"message'),
    )!;
    const messages = (repair.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.at(-1)).toMatchObject({ role: 'user' });
    expect(messages.at(-1)!.content).toMatch(/no es válida \(not JSON/);
    // The customer prompt is the persona's brief, and asks for the structured answer.
    expect(JSON.stringify(server.requests[0]!.body)).toContain('customer_turn');

    const beto = run.cases.find((c) => c.id === 'beto')!;
    expect(beto.status).toBe('error');
    expect(beto.turns).toHaveLength(0);
    expect(beto.simulation?.ended).toBe('error');
    expect(beto.error).toMatch(
      /customer model gave no valid answer after a repair turn: not JSON \("claro, te escribo luego"/,
    );
  }, 120_000);
});
