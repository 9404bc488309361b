import { describe, expect, it } from 'vitest';
import { many, run } from '../../../test/eval/run-fixtures.js';
import { compareRuns } from '../compare/compare-runs.js';
import { summarizeRun } from '../runner/summarize-run.js';
import type { VariantRun } from '../variants/variant-runs.js';
import { variantsTable } from './variants-table.js';

function variant(name: string, cases: Parameters<typeof run>[0], first?: VariantRun): VariantRun {
  const result = run(cases, { runId: 'r1' });
  return {
    name,
    file: `/a/very/long/path/to/the/variants/folder/of/this/project/${name}.json`,
    run: result,
    summary: summarizeRun(result),
    prompts: '/prompts',
    comparison: first ? compareRuns(first.run, result) : undefined,
  };
}

describe('variantsTable', () => {
  it('fits 80 columns with five long-named variants, splitting the table and keeping the first in each', () => {
    const first = variant('baseline-prompts', many('c', 12, 'passed'));
    const others = ['gpt-4.1-mini-cold', 'gpt-4.1-mini-warm', 'short-replies-v3', 'no-emoji-v2'].map(
      (name, i) =>
        variant(
          name,
          [...many('c', 12, 'passed').slice(0, 12 - i - 1), ...many('c', 12, 'failed').slice(12 - i - 1)],
          first,
        ),
    );
    const text = variantsTable([first, ...others]);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const tables = text.split('\n').filter((l) => l.startsWith('Variants side by side'));
    expect(tables.length).toBeGreaterThan(1);
    const headers = text.split('\n').filter((l) => l.includes('baseline-promp'));
    expect(headers.length).toBeGreaterThanOrEqual(tables.length + 1); // legend + each table's header
    expect(text).toContain('no-emoji-v2 vs baseline-prompts: 12 paired cases, pass rate 100.0% → 66.7%');
    expect(text).toContain('▼ 4 newly failing · ▲ 0 newly passing');
    expect(text).toContain('McNemar exact p = 0.1250: within noise');
    // The file's name survives clipping; its folder goes first.
    expect(text).toMatch(/no-emoji-v2: offline · offline · …[^\n]*no-emoji-v2\.json/);
  });
});
