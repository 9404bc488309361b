import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/app/config/paths.js';
import { generateCatalogCsv } from '../../src/tools/catalog/index.js';

export const LARGE_CATALOG_ROWS = 100_000;
const SEED = 6;

export function sampleCatalogPath(): string {
  return join(packageRoot(), 'data/catalog.csv');
}

/**
 * A generated catalog (the sample's cars, perturbed; same seed, same file) written once per
 * bench run into `workDir`, so the pipeline and token benches share it.
 */
export function generatedCatalogPath(
  workDir: string,
  rows = LARGE_CATALOG_ROWS,
): { path: string; generatedMs: number } {
  const path = join(workDir, `catalog-${rows}-seed${SEED}.csv`);
  if (existsSync(path)) return { path, generatedMs: 0 };
  const started = performance.now();
  writeFileSync(path, generateCatalogCsv(rows, SEED));
  return { path, generatedMs: performance.now() - started };
}
