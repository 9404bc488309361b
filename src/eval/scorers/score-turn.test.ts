import { beforeAll, describe, expect, it } from 'vitest';
import { bareParams, intent, loadTools, type Tools } from '../../../test/eval/scorers/fixtures.js';
import type { TurnTrace } from '../../core/trace/schema.js';
import type { SCORER_WANTED } from './score-turn.js';
import { aggregateTurn, DEFAULT_WEIGHTS, scoreCase, scoreTurn, scorersFor } from './score-turn.js';
import { SCORER_TYPES } from './types.js';
import { SCORERS } from './registry.js';

// A record keyed by the scorer enum: a scorer with no rule is a compile error (npm run typecheck).
// @ts-expect-error a local scorer with no rule does not compile
const withoutRule: typeof SCORER_WANTED = { keywords: () => true };

let tools: Tools;
beforeAll(async () => {
  tools = await loadTools();
});

describe('scoreTurn', () => {
  it('registers every scorer type but the judge', () => {
    expect(Object.keys(SCORERS).sort()).toEqual(SCORER_TYPES.filter((type) => type !== 'judge').sort());
    expect(withoutRule).toBeDefined();
  });

  it('runs the scorers the expectation asks for, whatsapp unless turned off', () => {
    expect(scorersFor({})).toEqual(['whatsapp']);
    expect(scorersFor({ keywords: { all: ['a'] }, facts: true, whatsapp: false })).toEqual([
      'keywords',
      'facts',
    ]);
    expect(scorersFor({ facts: false, length: { max: 10 }, intents: ['greeting'] })).toEqual([
      'length',
      'intents',
      'whatsapp',
    ]);
  });

  it('weights the scores and passes only when every scorer that ran passed', async () => {
    const params = bareParams(
      '¡Hola! ¿Buscas auto?',
      tools,
      { intents: ['greeting'], keywords: { all: ['hola', 'precio'] } },
      [intent('greeting')],
    );
    const turn = await scoreTurn(params);
    expect(turn.scores.map((s) => [s.scorer, s.pass])).toEqual([
      ['keywords', false],
      ['intents', true],
      ['whatsapp', true],
    ]);
    expect(turn.pass).toBe(false);
    const { keywords, intents, whatsapp } = DEFAULT_WEIGHTS;
    expect(turn.score).toBeCloseTo((keywords * 0.5 + intents + whatsapp) / (keywords + intents + whatsapp));
    const reweighted = await scoreTurn(params, { weights: { keywords: 0 } });
    expect(reweighted.score).toBe(1);
    expect(reweighted.pass).toBe(false);
  });

  it('reports judges as skipped without a judge: shown, neither passed nor failing the turn', async () => {
    const params = bareParams('¡Hola!', tools, { judges: ['tone', { name: 'safety', threshold: 0.9 }] });
    const turn = await scoreTurn(params);
    expect(turn.scores.filter((s) => s.skipped).map((s) => [s.scorer, s.pass])).toEqual([
      ['judge:tone', false],
      ['judge:safety', false],
    ]);
    expect(turn.pass).toBe(true);
    expect(turn.score).toBe(1);
    expect(turn.judgeUsage.calls).toBe(0);
  });

  it('turns a crashing scorer into a failed score instead of a crash', async () => {
    const params = bareParams('¡Hola!', tools, {});
    const broken = { ...params, trace: { ...params.trace, messages: undefined } as unknown as TurnTrace };
    const turn = await scoreTurn(broken);
    expect(turn.pass).toBe(false);
    expect(turn.scores[0]!.reason).toMatch(/^error: the whatsapp scorer crashed: /);
  });
});

describe('aggregation', () => {
  it('excludes skipped scores from the weighted mean', () => {
    const scores = [
      { scorer: 'facts', pass: true, score: 1, reason: '' },
      {
        scorer: 'judge:tone',
        pass: false,
        score: 0,
        reason: 'no judge model (offline runtime)',
        skipped: true,
      },
    ];
    expect(aggregateTurn(scores)).toEqual({ pass: true, score: 1 });
  });

  it('a case passes when every turn passes', () => {
    expect(
      scoreCase([
        { pass: true, score: 1 },
        { pass: true, score: 0.8 },
      ]),
    ).toEqual({ pass: true, score: 0.9 });
    expect(
      scoreCase([
        { pass: true, score: 1 },
        { pass: false, score: 0.5 },
      ]),
    ).toEqual({ pass: false, score: 0.75 });
  });
});
