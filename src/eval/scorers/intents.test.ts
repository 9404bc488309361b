import { beforeAll, describe, expect, it } from 'vitest';
import { bareParams, intent, loadTools, type Tools } from '../../../test/eval/scorers/fixtures.js';
import { intentReport } from './intent-report.js';
import { scoreIntents } from './intents.js';

let tools: Tools;
beforeAll(async () => {
  tools = await loadTools();
});

describe('intents scorer', () => {
  it('passes equal sets, whatever the order', () => {
    const params = bareParams('ok', tools, { intents: ['financing', 'greeting'] }, [
      intent('greeting'),
      intent('financing'),
    ]);
    expect(scoreIntents(params)).toMatchObject({ pass: true, score: 1 });
  });

  it('scores the Jaccard index and names missing and unexpected intents', () => {
    const params = bareParams('ok', tools, { intents: ['greeting', 'financing', 'car_recommendation'] }, [
      intent('greeting'),
      intent('sales'),
    ]);
    const result = scoreIntents(params);
    expect(result.pass).toBe(false);
    expect(result.score).toBeCloseTo(1 / 4);
    expect(result.reason).toContain('missing financing, car_recommendation; unexpected sales');
  });
});

describe('intentReport', () => {
  it('counts TP/FP/FN per label and fills the confusion matrix', () => {
    const report = intentReport([
      { expected: ['greeting'], detected: ['greeting'] },
      { expected: ['financing'], detected: ['car_recommendation'] },
      { expected: ['financing', 'greeting'], detected: ['financing'] },
      { expected: ['sales'], detected: ['sales', 'kavak_info'] },
    ]);
    const stats = Object.fromEntries(report.labels.map((l) => [l.intent, l]));
    expect(stats.greeting).toMatchObject({
      truePositives: 1,
      falseNegatives: 1,
      falsePositives: 0,
      precision: 1,
      recall: 0.5,
    });
    expect(stats.greeting!.f1).toBeCloseTo(2 / 3);
    expect(stats.financing).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 0 });
    expect(stats.car_recommendation).toMatchObject({
      truePositives: 0,
      falsePositives: 1,
      precision: 0,
      recall: null,
      f1: null,
    });
    expect(stats.out_of_scope).toMatchObject({ precision: null, recall: null, f1: null, support: 0 });
    expect(report.confusion.greeting.greeting).toBe(1);
    expect(report.confusion.financing.car_recommendation).toBe(1);
    expect(report.confusion.greeting.none).toBe(1);
    expect(report.confusion.none.kavak_info).toBe(1);
    expect(report.confusion.sales.sales).toBe(1);
    expect(report.exactMatches).toBe(1);
    expect(report.micro.precision).toBeCloseTo(3 / 5);
    expect(report.micro.recall).toBeCloseTo(3 / 5);
  });
});
