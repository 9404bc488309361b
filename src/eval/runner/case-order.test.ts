import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoldenCaseSchema, type LoadedCase } from '../golden-set/schema.js';
import { longestFirst, previousCaseDurations } from './case-order.js';

function goldenCase(id: string, turns: number): LoadedCase {
  const parsed = GoldenCaseSchema.parse({
    id,
    title: id,
    turns: Array.from({ length: turns }, (_, i) => ({ user: `mensaje ${i}`, expect: {} })),
  });
  return { ...parsed, file: 'test.yaml' };
}

const ids = (cases: readonly LoadedCase[]) => cases.map((c) => c.id);

describe('the order eval starts cases in', () => {
  const cases = [goldenCase('short', 1), goldenCase('long', 4), goldenCase('slow', 2), goldenCase('new', 3)];

  it('is by turn count, most first, when no earlier run is known', () => {
    expect(ids(longestFirst(cases))).toEqual(['long', 'new', 'slow', 'short']);
  });

  it("follows the previous run's durations: a short case whose turns each call several agents goes first", () => {
    const previous = new Map([
      ['short', 300],
      ['long', 2_000],
      ['slow', 9_000],
    ]);
    // "new" has no duration: 3 turns × the median turn of the measured cases (500 ms) = 1.5 s.
    expect(ids(longestFirst(cases, previous))).toEqual(['slow', 'long', 'new', 'short']);
  });
});

describe('previousCaseDurations', () => {
  function reportsWithLatest(run: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-order-'));
    mkdirSync(join(dir, 'latest'));
    writeFileSync(join(dir, 'latest', 'results.json'), typeof run === 'string' ? run : JSON.stringify(run));
    return dir;
  }
  const run = { runtime: 'openai', model: 'gpt-4o-mini', cases: [{ id: 'a', latencyMs: 1234, turns: [] }] };

  it("reads the latest run's case durations when it ran on the same model", () => {
    const durations = previousCaseDurations(reportsWithLatest(run), {
      runtime: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(durations?.get('a')).toBe(1234);
  });

  it('ignores a run on another model, a missing folder and a file that is not a run', () => {
    expect(
      previousCaseDurations(reportsWithLatest(run), { runtime: 'openai', model: 'gpt-4o' }),
    ).toBeUndefined();
    expect(previousCaseDurations(join(tmpdir(), 'kavak-no-such-dir'), run)).toBeUndefined();
    expect(previousCaseDurations(reportsWithLatest('{ not json'), run)).toBeUndefined();
  });
});
