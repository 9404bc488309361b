import { cpus, loadavg } from 'node:os';
import { BenchUnavailableError, type Bench, type BenchContext } from './bench.js';
import type { BenchReport } from './report.js';

/** Runs one bench; a missing module or a crash becomes its report, never the end of the run. */
export async function runBench(bench: Bench, ctx: BenchContext): Promise<BenchReport> {
  const ranAt = new Date().toISOString();
  const started = performance.now();
  const load = Math.round(loadavg()[0]! * 100) / 100;
  const base = { name: bench.name, title: bench.title, ranAt, loadAverage: load };
  const busy =
    load > cpus().length
      ? [
          `The machine was busy when this bench started (load average ${load} on ${cpus().length} cores): times are longer than on an idle machine.`,
        ]
      : [];
  ctx.log(`${bench.name}: start`);
  try {
    const outcome = await bench.run(ctx);
    return {
      ...base,
      status: 'ok',
      durationMs: Math.round(performance.now() - started),
      ...outcome,
      notes: [...busy, ...outcome.notes],
    };
  } catch (error) {
    const unavailable = error instanceof BenchUnavailableError;
    const message =
      error instanceof Error ? (unavailable ? error.message : (error.stack ?? error.message)) : String(error);
    ctx.log(`${bench.name}: ${unavailable ? '' : 'failed: '}${message}`);
    return {
      ...base,
      status: unavailable ? 'unavailable' : 'error',
      durationMs: Math.round(performance.now() - started),
      notes: [message],
      figures: {},
      targets: [],
      tables: [],
    };
  }
}
