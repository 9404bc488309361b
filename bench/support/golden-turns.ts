import { join } from 'node:path';
import { packageRoot } from '../../src/app/config/paths.js';
import type { LoadedCase } from '../../src/eval/golden-set/index.js';

/** The golden set, as the eval loads it; every bench that replays customers uses it. */
export async function loadGoldenCases(): Promise<LoadedCase[]> {
  const { loadGoldenSet } = await import('../../src/eval/golden-set/index.js');
  return loadGoldenSet(join(packageRoot(), 'golden-set'));
}

export function countTurns(cases: readonly LoadedCase[]): number {
  return cases.reduce((n, c) => n + c.turns.length, 0);
}
