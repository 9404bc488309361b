import { describe, expect, it } from 'vitest';
import { emptyEntities } from '../../core/intents/schema.js';
import { many, outcome, run, turn } from '../../../test/eval/run-fixtures.js';
import { compareRuns } from '../compare/compare-runs.js';
import { gateSettings } from '../runner/eval-settings.js';
import { evaluateGate } from '../runner/gate.js';
import { summarizeRun } from '../runner/summarize-run.js';
import { renderTerminalReport } from './render-report.js';

describe('renderTerminalReport', () => {
  const skipped = {
    scorer: 'judge:tone',
    pass: false,
    score: 0,
    reason: 'no judge model (offline runtime)',
    skipped: true,
  };
  const current = run([
    outcome('a', 'passed', {
      tags: ['cars'],
      turns: [
        turn({
          expect: { intents: ['greeting'] },
          detectedIntents: [{ type: 'greeting', confidence: 1, entities: emptyEntities() }],
          scores: [{ scorer: 'facts', pass: true, score: 1, reason: '' }, skipped],
          latencyMs: 120,
          costUsd: 0.0021,
          judgeCostUsd: 0,
        }),
      ],
    }),
    outcome('b', 'failed', { tags: ['cars'] }),
  ]);
  const summary = summarizeRun(current);
  const comparison = compareRuns(
    run(
      many('x', 1, 'passed').map((c) => ({ ...c, id: 'b' })),
      { runId: 'base' },
    ),
    current,
  );
  const text = renderTerminalReport({
    run: current,
    summary,
    comparison,
    verdict: evaluateGate(summary, gateSettings({ minPassRate: 0.9 })),
    reportDir: '/tmp/reports/run-test',
  });

  it('puts the details first, then the comparison and the gate verdict last', () => {
    expect(text.indexOf('Run ')).toBe(0);
    expect(text.indexOf('Compared with base')).toBeGreaterThan(text.indexOf('Failing cases'));
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'Gate: FAIL',
      '  ✗ pass rate 50.0% (1/2) is below the minimum 90.0%',
    ]);
    expect(text).toMatch(/▼ fails now\s*│ b/);
  });

  it('shows pass rate by tag and by scorer, with skipped judges as skipped', () => {
    expect(text).toMatch(/│ cars\s*│\s*1 │\s*2 │\s*50\.0% │/);
    expect(text).toMatch(/│ judge:tone\s*│\s*0 │\s*0 │\s*skipped │\s*— │\s*1 │/);
  });

  it('shows the intent report, usage split agent/judge, latency and failing cases', () => {
    expect(text).toContain('Intents (1 turns with expected intents, 1 exact)');
    expect(text).toContain('Intent confusion: none');
    expect(text).toMatch(/│ agent │\s*200 │\s*40 │ \$0\.00310 │/);
    expect(text).toMatch(/│ judge │\s*0 │\s*0 │\s*\$0 │/);
    expect(text).toContain('Agent latency per turn');
    expect(text).toMatch(/│ b\s*│ failed │ turn 1 keywords: missing "versa"/);
    expect(text).toContain('Reports: /tmp/reports/run-test');
  });
});
