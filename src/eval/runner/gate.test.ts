import { describe, expect, it } from 'vitest';
import { many, outcome, run, turn } from '../../../test/eval/run-fixtures.js';
import { compareRuns } from '../compare/compare-runs.js';
import { gateSettings } from './eval-settings.js';
import { evaluateGate } from './gate.js';
import { summarizeRun } from './summarize-run.js';

const noGates = gateSettings({});

describe('evaluateGate', () => {
  it('passes a run with no gates set', () => {
    expect(evaluateGate(summarizeRun(run(many('a', 3, 'failed'))), noGates)).toMatchObject({
      pass: true,
      exitCode: 0,
    });
  });

  it('fails below --min-pass-rate and passes at it', () => {
    const summary = summarizeRun(run([...many('p', 8, 'passed'), ...many('f', 2, 'failed')]));
    expect(evaluateGate(summary, gateSettings({ minPassRate: 0.8 })).exitCode).toBe(0);
    const verdict = evaluateGate(summary, gateSettings({ minPassRate: 0.9 }));
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures[0]).toContain('pass rate 80.0% (8/10) is below the minimum 90.0%');
  });

  it('fails on one critical turn whatever the pass rate', () => {
    const critical = outcome('price', 'failed', {
      turns: [
        turn({
          pass: false,
          critical: 'inventa un precio',
          scores: [{ scorer: 'facts', pass: false, score: 0, reason: '$1 not in catalog' }],
        }),
      ],
    });
    const verdict = evaluateGate(
      summarizeRun(run([...many('p', 99, 'passed'), critical])),
      gateSettings({ minPassRate: 0.5 }),
    );
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures).toEqual([
      'critical turn failed: price turn 1 (inventa un precio): facts: $1 not in catalog',
    ]);
  });

  it('checks per-scorer and per-tag thresholds, and fails a scorer that never scored', () => {
    const skippedJudge = {
      scorer: 'judge:tone',
      pass: false,
      score: 0,
      reason: 'no judge model',
      skipped: true,
    };
    const cases = [
      outcome('a', 'passed', {
        tags: ['memory'],
        turns: [turn({ scores: [{ scorer: 'facts', pass: true, score: 1, reason: '' }, skippedJudge] })],
      }),
      outcome('b', 'failed', {
        tags: ['memory'],
        turns: [
          turn({
            pass: false,
            scores: [{ scorer: 'facts', pass: false, score: 0, reason: 'x' }, skippedJudge],
          }),
        ],
      }),
    ];
    const verdict = evaluateGate(
      summarizeRun(run(cases)),
      gateSettings({
        scorerThresholds: { facts: 0.9, 'judge:tone': 0.5 },
        tagThresholds: { memory: 0.5, english: 1 },
      }),
    );
    expect(verdict.failures).toEqual([
      'scorer facts passes 50.0% (1/2), below its threshold 90.0%',
      'scorer judge:tone has a threshold of 50.0% but never scored (2 skipped)',
    ]);
    expect(verdict.notes).toEqual(['tag english has a threshold but no case of this run has it']);
  });

  it('gates on a significant regression only with --fail-on-regression', () => {
    const baseline = run(many('x', 12, 'passed'), { runId: 'base' });
    const current = run(many('x', 12, 'failed'));
    const comparison = compareRuns(baseline, current);
    const summary = summarizeRun(current);
    expect(evaluateGate(summary, noGates, { comparison }).exitCode).toBe(0);
    const verdict = evaluateGate(summary, noGates, { comparison, failOnRegression: true });
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures[0]).toMatch(
      /significant regression against base: 12 newly failing vs 0 newly passing \(McNemar p = 0\.0005\)/,
    );
  });

  it('fails a run that stopped early', () => {
    const verdict = evaluateGate(
      summarizeRun(run(many('a', 2, 'passed'), { options: { stopped: '--max-cost reached' } })),
      noGates,
    );
    expect(verdict.failures).toEqual([
      'the run stopped early (--max-cost reached): not every case was scored',
    ]);
  });
});
