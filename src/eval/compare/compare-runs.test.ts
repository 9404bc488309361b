import { describe, expect, it } from 'vitest';
import { many, outcome, run } from '../../../test/eval/run-fixtures.js';
import { compareRuns } from './compare-runs.js';

describe('compareRuns', () => {
  it('lists newly failing and newly passing cases with why they fail', () => {
    const baseline = run(
      [outcome('a', 'passed'), outcome('b', 'failed'), outcome('c', 'passed'), outcome('gone', 'passed')],
      {
        runId: 'base',
      },
    );
    const current = run([
      outcome('a', 'failed'),
      outcome('b', 'passed'),
      outcome('c', 'error'),
      outcome('new', 'passed'),
    ]);
    const comparison = compareRuns(baseline, current);
    expect(comparison.newlyFailing.map((c) => c.id)).toEqual(['a', 'c']);
    expect(comparison.newlyFailing[0]!.reasons).toEqual(['turn 1 keywords: missing "versa"']);
    expect(comparison.newlyFailing[1]!.reasons).toEqual(['boom']);
    expect(comparison.newlyPassing.map((c) => c.id)).toEqual(['b']);
    expect(comparison.onlyInBaseline).toEqual(['gone']);
    expect(comparison.onlyInCurrent).toEqual(['new']);
    expect(comparison.paired).toBe(3);
    expect(comparison.mcnemar).toMatchObject({ b: 2, c: 1 });
    expect(comparison.scoreDeltas[0]).toMatchObject({ id: 'c', before: 1, after: 0, delta: -1 });
  });

  it('flags a regression only when it is significant', () => {
    const baseline = run([...many('x', 10, 'passed'), ...many('y', 20, 'passed')]);
    const broken = run([...many('x', 10, 'failed'), ...many('y', 20, 'passed')]);
    expect(compareRuns(baseline, broken).significantRegression).toBe(true);

    const noisy = run([
      ...many('x', 5, 'failed'),
      ...many('x', 10, 'passed').slice(5),
      ...many('y', 20, 'passed'),
    ]);
    const noisyBaseline = run([
      ...many('x', 10, 'passed'),
      ...many('y', 17, 'passed'),
      ...many('y', 20, 'failed').slice(17),
    ]);
    const comparison = compareRuns(noisyBaseline, noisy);
    expect(comparison.mcnemar).toMatchObject({ b: 5, c: 3 });
    expect(comparison.significantRegression).toBe(false);
  });

  it('never calls an improvement a regression', () => {
    const comparison = compareRuns(run(many('x', 10, 'failed')), run(many('x', 10, 'passed')));
    expect(comparison.mcnemar.pValue).toBeLessThan(0.05);
    expect(comparison.significantRegression).toBe(false);
  });
});
