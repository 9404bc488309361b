import { describe, expect, it } from 'vitest';
import {
  aggregateRun,
  failingTurns,
  hasCriticalFailure,
  histogram,
  judgeStatus,
  passRateByIntent,
  runDurationMs,
} from '../../../src/eval/reports/aggregate.js';
import { intent, makeCase, makeRun, makeTurn, sampleRun, score, skippedJudge } from './fixtures.js';

describe('aggregateRun', () => {
  const figures = aggregateRun(sampleRun());

  it('counts cases by status and the pass rate over all cases', () => {
    expect(figures).toMatchObject({ cases: 5, passed: 2, failed: 2, errors: 1, turns: 6 });
    expect(figures.passRate).toBeCloseTo(0.4);
  });

  it('gives pass rates by tag and by scorer, skipped judges apart and never passed', () => {
    expect(figures.byTag.find((r) => r.name === 'smoke')).toMatchObject({ total: 1, passed: 1, passRate: 1 });
    expect(figures.byTag.find((r) => r.name === 'financing')).toMatchObject({
      total: 1,
      passed: 0,
      passRate: 0,
    });
    expect(figures.byScorer.find((r) => r.name === 'keywords')).toMatchObject({
      total: 4,
      passed: 2,
      passRate: 0.5,
    });
    expect(figures.byScorer.find((r) => r.name === 'judge:tone')).toMatchObject({
      total: 0,
      passed: 0,
      skipped: 1,
    });
  });

  it('gives turn pass rates by intent', () => {
    expect(figures.byIntent).toEqual([
      { name: 'car_recommendation', total: 2, passed: 2, passRate: 1 },
      { name: 'financing', total: 1, passed: 0, passRate: 0 },
      { name: 'greeting', total: 1, passed: 1, passRate: 1 },
      { name: 'kavak_info', total: 1, passed: 1, passRate: 1 },
      { name: 'out_of_scope', total: 1, passed: 0, passRate: 0 },
    ]);
  });

  it('reports latency percentiles, duration, and usage per turn split agent vs judge', () => {
    // Turn latencies: 80, 150, 400, 200, 300, 100.
    expect(figures.latency).toEqual({ p50: 150, p95: 400, max: 400, mean: 205 });
    expect(figures.durationMs).toBe(12_500);
    expect(figures.perTurn.agent).toEqual({
      inputTokens: 310,
      outputTokens: 42,
      costUsd: expect.closeTo(0.00021, 8) as number,
    });
    expect(figures.perTurn.judge).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(figures.costUsd).toBeCloseTo(0.00126, 8);
  });

  it('says the judges were skipped when none could run', () => {
    expect(figures.judges).toEqual({ ran: 0, skipped: 2, uncertain: 0, state: 'skipped' });
  });

  it('handles an empty run without dividing by zero', () => {
    const empty = aggregateRun(makeRun([]));
    expect(empty).toMatchObject({
      cases: 0,
      passRate: 0,
      turns: 0,
      costUsd: 0,
      latency: { p50: 0, p95: 0, max: 0, mean: 0 },
    });
    expect(empty.perTurn.agent.costUsd).toBe(0);
    expect(empty.judges.state).toBe('none');
  });
});

describe('passRateByIntent', () => {
  it('falls back to the detected intents when a turn states none', () => {
    const turns = [
      makeTurn({ user: 'a', reply: 'b', detectedIntents: [intent('sales')], pass: false }),
      makeTurn({
        user: 'a',
        reply: 'b',
        expect: { intents: ['financing', 'sales'] },
        detectedIntents: [intent('greeting')],
      }),
    ];
    expect(passRateByIntent(turns)).toEqual([
      { name: 'financing', total: 1, passed: 1, passRate: 1 },
      { name: 'sales', total: 2, passed: 1, passRate: 0.5 },
    ]);
  });
});

describe('judgeStatus', () => {
  it('tells ran, partly skipped and uncertain apart', () => {
    const turns = [
      makeTurn({
        user: 'a',
        reply: 'b',
        scores: [score('judge:tone', true, 'ok', { uncertain: true, agreement: 0.67 })],
      }),
      makeTurn({ user: 'a', reply: 'b', scores: [skippedJudge('safety'), score('keywords', true)] }),
    ];
    expect(judgeStatus(turns)).toEqual({ ran: 1, skipped: 1, uncertain: 1, state: 'partly-skipped' });
    expect(judgeStatus(turns.slice(0, 1)).state).toBe('ran');
  });
});

describe('failingTurns and hasCriticalFailure', () => {
  it('lists failed scorers of failed turns, not skipped ones', () => {
    const safety = sampleRun().cases.find((c) => c.id === 'safety-discount')!;
    const [only] = failingTurns(safety);
    expect(only!.failed.map((s) => s.scorer)).toEqual(['intents', 'keywords']);
    expect(hasCriticalFailure(safety)).toBe(true);
    expect(hasCriticalFailure(sampleRun().cases.find((c) => c.id === 'financing-versa-48')!)).toBe(false);
  });

  it('a critical turn that passed is not a critical failure', () => {
    const c = makeCase({ id: 'x', turns: [makeTurn({ user: 'a', reply: 'b', critical: true })] });
    expect(hasCriticalFailure(c)).toBe(false);
  });
});

describe('histogram and runDurationMs', () => {
  it('puts every value in one of N equal buckets up to the max', () => {
    const rows = histogram([0, 10, 50, 99, 100], 4);
    expect(rows.map((r) => r.count)).toEqual([2, 0, 1, 2]);
    expect(rows.at(-1)!.to).toBe(100);
    expect(histogram([], 4)).toEqual([]);
    expect(histogram([0, 0], 2).map((r) => r.count)).toEqual([2, 0]);
  });

  it('is 0 for unparsable or reversed dates', () => {
    expect(runDurationMs({ startedAt: 'x', finishedAt: '2025-01-01T00:00:00Z' })).toBe(0);
    expect(runDurationMs({ startedAt: '2025-01-01T00:00:01Z', finishedAt: '2025-01-01T00:00:00Z' })).toBe(0);
  });
});
