import { describe, expect, it } from 'vitest';
import { emptyEntities } from '../../core/intents/schema.js';
import { outcome, run, turn } from '../../../test/eval/run-fixtures.js';
import { percentile, summarizeRun } from './summarize-run.js';

describe('summarizeRun', () => {
  it('counts pass rates by tag and by scorer, keeping skipped judges apart', () => {
    const skipped = { scorer: 'judge:tone', pass: false, score: 0, reason: 'offline', skipped: true };
    const summary = summarizeRun(
      run([
        outcome('a', 'passed', {
          tags: ['cars', 'memory'],
          turns: [turn({ scores: [{ scorer: 'facts', pass: true, score: 1, reason: '' }, skipped] })],
        }),
        outcome('b', 'failed', {
          tags: ['cars'],
          turns: [
            turn({
              pass: false,
              scores: [{ scorer: 'facts', pass: false, score: 0.4, reason: '' }, skipped],
            }),
          ],
        }),
        outcome('c', 'error', { tags: ['memory'] }),
      ]),
    );
    expect(summary).toMatchObject({ cases: 3, passed: 1, failed: 1, errors: 1 });
    expect(summary.passRate).toBeCloseTo(1 / 3);
    expect(summary.byTag).toEqual([
      { name: 'cars', total: 2, passed: 1, passRate: 0.5 },
      { name: 'memory', total: 2, passed: 1, passRate: 0.5 },
    ]);
    expect(summary.byScorer).toEqual([
      {
        name: 'facts',
        total: 2,
        passed: 1,
        passRate: 0.5,
        skipped: 0,
        errors: 0,
        uncertain: 0,
        meanScore: 0.7,
      },
      {
        name: 'judge:tone',
        total: 0,
        passed: 0,
        passRate: 0,
        skipped: 2,
        errors: 0,
        uncertain: 0,
        meanScore: 0,
      },
    ]);
  });

  it('splits agent and judge usage and reports latency percentiles', () => {
    const turns = [10, 20, 30, 40, 1000].map((latencyMs, index) =>
      turn({
        index,
        latencyMs,
        inputTokens: 100,
        outputTokens: 10,
        costUsd: 0.01,
        judgeInputTokens: 50,
        judgeOutputTokens: 5,
        judgeCostUsd: 0.002,
      }),
    );
    const summary = summarizeRun(run([outcome('a', 'passed', { turns })]));
    expect(summary.agent).toEqual({ inputTokens: 500, outputTokens: 50, costUsd: expect.closeTo(0.05, 10) });
    expect(summary.judge).toEqual({ inputTokens: 250, outputTokens: 25, costUsd: expect.closeTo(0.01, 10) });
    expect(summary.latencyMs).toEqual({ p50: 30, p95: 1000 });
  });

  it('builds the intent report from turns that expect intents', () => {
    const intent = (type: 'greeting' | 'financing') => ({ type, confidence: 1, entities: emptyEntities() });
    const summary = summarizeRun(
      run([
        outcome('a', 'passed', {
          turns: [
            turn({ expect: { intents: ['greeting'] }, detectedIntents: [intent('greeting')] }),
            turn({ expect: { intents: ['financing'] }, detectedIntents: [intent('greeting')] }),
            turn({ detectedIntents: [intent('financing')] }),
          ],
        }),
      ]),
    );
    expect(summary.intents.turns).toBe(2);
    expect(summary.intents.exactMatches).toBe(1);
    expect(summary.intents.confusion.financing.greeting).toBe(1);
  });

  it('lists flaky cases and the pass rate over runs with --repeat', () => {
    const summary = summarizeRun(
      run([
        outcome('steady', 'passed', { repeats: { runs: 3, passed: 3, flaky: false } }),
        outcome('flaky', 'failed', { repeats: { runs: 3, passed: 1, flaky: true } }),
      ]),
    );
    expect(summary.flaky).toEqual(['flaky']);
    expect(summary.runPassRate).toBeCloseTo(4 / 6);
    expect(summary.passRate).toBe(0.5);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
  });
});
