import { describe, expect, it } from 'vitest';
import { agreementMetrics, cohensKappa } from './agreement.js';

describe("Cohen's kappa", () => {
  it('is 1 on perfect agreement', () => {
    expect(cohensKappa({ tp: 20, fp: 0, fn: 0, tn: 20 })).toBe(1);
  });

  it('is 0 at chance level', () => {
    expect(cohensKappa({ tp: 25, fp: 25, fn: 25, tn: 25 })).toBe(0);
    // Both raters pass 80%, independently: observed = expected = 0.68.
    expect(cohensKappa({ tp: 64, fp: 16, fn: 16, tn: 4 })).toBeCloseTo(0);
  });

  it('matches the textbook example (20 yes/yes, 5, 10, 15 no/no → 0.4)', () => {
    expect(cohensKappa({ tp: 20, fp: 5, fn: 10, tn: 15 })).toBeCloseTo(0.4);
  });

  it('is negative below chance and undefined when nothing varies', () => {
    expect(cohensKappa({ tp: 0, fp: 10, fn: 10, tn: 0 })).toBe(-1);
    expect(cohensKappa({ tp: 10, fp: 0, fn: 0, tn: 0 })).toBeNull();
    expect(cohensKappa({ tp: 0, fp: 0, fn: 0, tn: 0 })).toBeNull();
  });
});

it('computes accuracy and the true-positive and true-negative rates', () => {
  expect(agreementMetrics({ tp: 20, fp: 5, fn: 10, tn: 15 })).toEqual({
    n: 50,
    accuracy: 0.7,
    truePositiveRate: 20 / 30,
    trueNegativeRate: 15 / 20,
    kappa: expect.closeTo(0.4) as number,
  });
  expect(agreementMetrics({ tp: 3, fp: 0, fn: 0, tn: 0 })).toMatchObject({
    truePositiveRate: 1,
    trueNegativeRate: null,
  });
});
