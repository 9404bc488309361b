import { describe, expect, it } from 'vitest';
import { outcome } from '../../../test/eval/run-fixtures.js';
import { createProgressListener } from './progress-bar.js';

function output(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, columns: 120, write: (text: string) => chunks.push(text) } };
}

describe('progress listener', () => {
  it('prints one plain line per case off a TTY', () => {
    const { chunks, out } = output(false);
    const listen = createProgressListener(out);
    listen({ type: 'run_start', cases: 2, repeat: 1, total: 2 });
    listen({ type: 'case_start', caseId: 'a', run: 0 });
    listen({
      type: 'case_end',
      caseId: 'a',
      run: 0,
      outcome: outcome('a', 'passed'),
      done: 1,
      passed: 1,
      total: 2,
    });
    listen({
      type: 'case_end',
      caseId: 'b',
      run: 0,
      outcome: outcome('b', 'error'),
      done: 2,
      passed: 1,
      total: 2,
    });
    listen({ type: 'run_end', done: 2, passed: 1, total: 2, stopped: null, durationMs: 1500 });
    expect(chunks).toEqual([
      '[1/2] ✓ a 0.0s\n',
      '[2/2] ! b 0.0s — boom\n',
      '2/2 case runs in 0:02 · 1 passed\n',
    ]);
  });

  it('redraws one bar in place on a TTY with done/total, pass rate and ETA', () => {
    const { chunks, out } = output(true);
    let now = 0;
    const listen = createProgressListener(out, () => now);
    listen({ type: 'run_start', cases: 4, repeat: 1, total: 4 });
    now = 10_000;
    listen({
      type: 'case_end',
      caseId: 'a',
      run: 0,
      outcome: outcome('a', 'passed'),
      done: 1,
      passed: 1,
      total: 4,
    });
    const bar = chunks.at(-1)!;
    expect(bar.startsWith('\r\x1b[2K[')).toBe(true);
    expect(bar).toContain('1/4 · 100% passed · ETA 0:30');
    expect(chunks.join('')).not.toContain('\n');

    listen({
      type: 'case_end',
      caseId: 'b',
      run: 0,
      outcome: outcome('b', 'failed'),
      done: 2,
      passed: 1,
      total: 4,
    });
    expect(chunks.join('')).toContain('✗ b — turn 1 keywords: missing "versa"\n');
    expect(chunks.at(-1)).toContain('2/4 · 50% passed');
  });
});
