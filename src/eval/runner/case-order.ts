import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LoadedCase } from '../golden-set/schema.js';

/** How long each case took in an earlier run, in ms, by case id. */
export type CaseDurations = ReadonlyMap<string, number>;

/**
 * Longest cases first: with j slots the run then ends close to its longest case instead of
 * waiting on a long case started last (LPT scheduling). A case's length is its duration in the
 * previous run on the same model when there is one (turn count misjudges cases whose turns make
 * several model calls), else its turn count × the typical turn of the cases that were measured.
 */
export function longestFirst(cases: readonly LoadedCase[], previous?: CaseDurations): LoadedCase[] {
  const perTurn = typicalTurnMs(cases, previous);
  const estimate = (goldenCase: LoadedCase) =>
    previous?.get(goldenCase.id) ?? goldenCase.turns.length * perTurn;
  return [...cases]
    .map((goldenCase, index) => ({ goldenCase, index, ms: estimate(goldenCase) }))
    .sort((a, b) => b.ms - a.ms || b.goldenCase.turns.length - a.goldenCase.turns.length || a.index - b.index)
    .map((entry) => entry.goldenCase);
}

function typicalTurnMs(cases: readonly LoadedCase[], previous: CaseDurations | undefined): number {
  const perTurn = cases
    .filter((c) => previous?.has(c.id) && c.turns.length > 0)
    .map((c) => previous!.get(c.id)! / c.turns.length)
    .sort((a, b) => a - b);
  return perTurn.length === 0 ? 1 : perTurn[Math.floor(perTurn.length / 2)]!;
}

const PreviousRunSchema = z.object({
  runtime: z.string(),
  model: z.string(),
  cases: z.array(z.object({ id: z.string(), latencyMs: z.number().nonnegative() })),
});

/**
 * The case durations of the reports folder's latest run, when it ran on the same runtime and
 * model: only a hint for the order, so anything unreadable is ignored.
 */
export function previousCaseDurations(
  reportsDir: string,
  current: { runtime: string; model: string },
): CaseDurations | undefined {
  const file = join(reportsDir, 'latest', 'results.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed = PreviousRunSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return undefined;
    const run = parsed.data;
    if (run.runtime !== current.runtime || run.model !== current.model) return undefined;
    // With --repeat a case's latency is already the mean of its runs.
    return new Map(run.cases.map((c) => [c.id, c.latencyMs]));
  } catch {
    return undefined;
  }
}
