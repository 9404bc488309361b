import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOfflineRuntime } from '../../src/runtime/offline/offline-runtime.js';
import { createScriptedRuntime } from '../../src/runtime/scripted.js';
import { scoreConversation } from '../../src/eval/conversation/index.js';
import { createJudgeScorer } from '../../src/eval/judge/create-judge-scorer.js';
import { loadRubrics } from '../../src/eval/judge/rubric.js';
import { RunResultSchema, type RunResult } from '../../src/eval/results/schema.js';
import { evalOffline } from './eval-cli.js';
import { tempDir, writeGoldenSet } from './eval-fixtures.js';

const rubrics = loadRubrics();
const offlineJudge = createJudgeScorer({ runtime: createOfflineRuntime(), rubrics, prices: {} });
const turns = (...texts: string[]) =>
  texts.map((text, i) => ({ role: i % 2 === 0 ? ('customer' as const) : ('agent' as const), text }));

describe('scoreConversation (no golden-set case needed)', () => {
  it('the offline judge reads a visit agreed, a budget broken and a role kept from the conversation', async () => {
    const booked = turns(
      'Quiero hacer una prueba de manejo del Corolla',
      '¡Claro! ¿En qué ciudad y qué día te queda?',
      'En Midtown, el sábado a las 11',
      'Listo: tu prueba de manejo queda el sábado a las 11 en Midtown. Un asesor te contactará.',
    );
    const visit = await scoreConversation({
      transcript: { turns: booked },
      rubrics: ['reached-visit', 'stayed-in-role'],
      judge: offlineJudge,
    });
    expect(visit.scores.map((s) => [s.scorer, s.pass])).toEqual([
      ['judge:reached-visit', true],
      ['judge:stayed-in-role', true],
    ]);
    expect(visit.pass).toBe(true);

    const overBudget = await scoreConversation({
      transcript: {
        turns: turns(
          'Busco un auto, tengo 250 mil de presupuesto',
          'Te recomiendo el Mazda CX-5 2019 a $396,999.00.',
        ),
      },
      rubrics: ['kept-budget', 'reached-visit'],
      judge: offlineJudge,
    });
    expect(overBudget.pass).toBe(false);
    expect(overBudget.scores[0]).toMatchObject({ scorer: 'judge:kept-budget', pass: false });
    expect(overBudget.scores[0]!.reason).toContain('$396,999.00');
    // The customer never asked for a visit: none was reached.
    expect(overBudget.scores[1]).toMatchObject({ scorer: 'judge:reached-visit', pass: false, score: 0 });
  });

  it('a judge answer that is no verdict is an error, not a fail', async () => {
    const runtime = createScriptedRuntime('not json at all');
    const judge = createJudgeScorer({ runtime, rubrics, prices: {} });
    const outcome = await scoreConversation({
      transcript: { turns: turns('hola', '¡Hola! ¿Qué auto buscas?'), goal: 'saludar' },
      rubrics: ['stayed-in-role'],
      judge,
    });
    expect(outcome.scores[0]).toMatchObject({ scorer: 'judge:stayed-in-role', error: true, pass: false });
    // The judge read the whole transcript and the goal, from the conversation prompt.
    const prompt = runtime.calls[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('1. Cliente: hola');
    expect(prompt).toContain('1. Agente: ¡Hola! ¿Qué auto buscas?');
    expect(prompt).toContain('saludar');
    expect(runtime.calls[0]!.task.name).toBe('judge_conversation');
  });
});

describe('kavak eval with conversation rubrics and custom scorers', () => {
  let stdout = '';
  beforeEach(() => {
    stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  const visitCase = {
    id: 'books-a-test-drive',
    title: 'test drive booked',
    tags: ['sales'],
    goal: 'agendar una prueba de manejo',
    judges: ['reached-visit', { name: 'stayed-in-role', threshold: 0.9 }],
    turns: [
      { user: 'Me interesa el Corolla 2020' },
      { user: 'Quiero hacer una prueba de manejo' },
      { user: 'Me llamo Ana López y estoy en Guadalajara' },
      { user: 'En Midtown, el sábado a las 11' },
    ],
  };
  const greetingCase = {
    id: 'only-says-hello',
    title: 'no visit',
    tags: ['greeting'],
    judges: ['reached-visit'],
    skipScorers: ['reply-count'],
    turns: [{ user: 'hola' }],
  };

  function scorersDir(): string {
    const dir = join(tempDir('kavak-scorers-'), 'scorers');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'not-empty.mjs'),
      `export default { scope: 'turn', score: ({ reply }) => ({ pass: reply.length > 0, score: reply.length > 0 ? 1 : 0, reason: reply.length + ' chars' }) };`,
    );
    writeFileSync(
      join(dir, 'reply-count.ts'),
      `interface Turn { role: 'customer' | 'agent'; text: string }
export const scope = 'conversation';
export function score({ turns }: { turns: Turn[] }) {
  const replies: number = turns.filter((t) => t.role === 'agent').length;
  return { pass: replies >= 2, score: replies >= 2 ? 1 : 0, reason: replies + ' replies' };
}`,
    );
    writeFileSync(
      join(dir, 'broken.mjs'),
      `export const scope = 'turn'; export function score() { throw new Error('boom'); }`,
    );
    writeFileSync(
      join(dir, 'bad-shape.mjs'),
      `export const scope = 'conversation'; export const score = () => ({ pass: 'yes' });`,
    );
    return dir;
  }

  it('scores whole cases, lists custom scorers like built-in ones and gates on a conversation rubric', async () => {
    const golden = writeGoldenSet([visitCase, greetingCase]);
    const out = tempDir('kavak-reports-');
    const code = await evalOffline(
      golden,
      out,
      '--scorers',
      scorersDir(),
      '--scorer-threshold',
      'judge:reached-visit=0.8',
    );
    const run: RunResult = RunResultSchema.parse(
      JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')),
    );
    const visit = run.cases.find((c) => c.id === 'books-a-test-drive')!;
    const hello = run.cases.find((c) => c.id === 'only-says-hello')!;
    expect(visit.conversationScores?.map((s) => [s.scorer, s.pass])).toEqual([
      ['judge:reached-visit', true],
      ['judge:stayed-in-role', true],
      ['custom:bad-shape', false],
      ['custom:reply-count', true],
    ]);
    expect(visit.conversationScores?.find((s) => s.scorer === 'custom:bad-shape')).toMatchObject({
      error: true,
    });
    expect(visit.conversationScores?.find((s) => s.scorer === 'custom:bad-shape')!.reason).toContain(
      'bad-shape.mjs',
    );
    // The per-turn custom scorers ran on every turn; the one that throws is an error naming its file.
    const broken = visit.turns[0]!.scores.find((s) => s.scorer === 'custom:broken')!;
    expect(broken).toMatchObject({ error: true, pass: false });
    expect(broken.reason).toContain('broken.mjs threw: boom');
    expect(visit.turns.every((t) => t.scores.some((s) => s.scorer === 'custom:not-empty' && s.pass))).toBe(
      true,
    );
    // A greeting reaches no visit; the case skips reply-count.
    expect(hello.status).toBe('failed');
    expect(hello.conversationScores?.map((s) => s.scorer)).toEqual([
      'judge:reached-visit',
      'custom:bad-shape',
    ]);
    // Listed like the built-in scorers, in the terminal and summary.md; the gate reads them.
    for (const text of [stdout, readFileSync(join(out, 'latest', 'summary.md'), 'utf8')]) {
      expect(text).toContain('judge:reached-visit');
      expect(text).toContain('custom:reply-count');
    }
    expect(stdout).toMatch(/scorer judge:reached-visit passes 50\.0% \(1\/2\)/);
    expect(code).toBe(1);
  }, 120_000);

  it('a case naming a per-turn rubric as a conversation rubric fails before any call (exit 2)', async () => {
    const golden = writeGoldenSet([{ ...greetingCase, judges: ['tone'] }]);
    const code = await evalOffline(golden, tempDir());
    expect(code).toBe(2);
  });
});
