import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RunResultSchema } from '../../src/eval/results/schema.js';
import { evalOffline } from './eval-cli.js';
import { tempDir, writeGoldenSet } from './eval-fixtures.js';

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

it('kavak eval (offline): a financing plan on an in-budget car keeps the budget', async () => {
  // The agent lists SUVs under 350 mil, then a 4-year plan on the first, whose total paid
  // ($354,523.64) is above 350 mil: a total of payments, not the price of a car offered.
  const golden = writeGoldenSet([
    {
      id: 'plan-on-an-in-budget-suv',
      title: 'financing an SUV under the budget',
      tags: ['financing'],
      judges: ['kept-budget'],
      turns: [
        { user: 'tienen una camioneta pa la familia por menos de 350 mil?' },
        { user: 'y a credito? con 20% de enganche a 4 anos, cuanto quedaria la mensualidad del primero?' },
      ],
    },
  ]);
  const out = tempDir('kavak-reports-');
  const code = await evalOffline(golden, out);
  // A full run: latest points at it.
  const run = RunResultSchema.parse(JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')));
  const plan = run.cases[0]!;
  expect(plan.turns[1]!.reply).toContain('Pagarías en total');
  const verdict = plan.conversationScores?.find((s) => s.scorer === 'judge:kept-budget');
  expect(verdict).toMatchObject({ pass: true, score: 1 });
  expect(plan.status).toBe('passed');
  expect(code).toBe(0);
}, 120_000);
