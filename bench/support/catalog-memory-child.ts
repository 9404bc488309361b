/**
 * Run in a fresh process (`node --expose-gc --import tsx catalog-memory-child.ts <csv>`), so
 * the heap and RSS deltas are the catalog's alone. Prints one JSON line.
 */
import { loadCatalog } from '../../src/tools/catalog/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: catalog-memory-child.ts <catalog.csv>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

gc();
const before = process.memoryUsage();
const started = performance.now();
const catalog = await loadCatalog(path);
const loadMs = performance.now() - started;
gc();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    rows: catalog.cars.length,
    skipped: catalog.issues.length,
    loadMs,
    heapDeltaMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    rssDeltaMb: (after.rss - before.rss) / 2 ** 20,
    rssAfterMb: after.rss / 2 ** 20,
  })}\n`,
);
