import { join } from 'node:path';
import type { App } from '../../src/app/create-app.js';
import type { LoadedCase } from '../../src/eval/golden-set/index.js';
import { newConversationId } from '../../src/core/ports/conversations.js';
import { seedProfile } from '../../src/eval/runner/seed-profile.js';
import type { Bench, BenchContext } from '../harness/bench.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, percentile, round } from '../harness/stats.js';
import { createBenchApp } from '../support/bench-app.js';
import { generatedCatalogPath, LARGE_CATALOG_ROWS, sampleCatalogPath } from '../support/catalogs.js';
import { formatHot, profileHotFunctions, type HotFunction } from '../support/cpu-profile.js';
import { countTurns, loadGoldenCases } from '../support/golden-turns.js';
import { REPO, runNode, TSX } from '../support/node-child.js';

const TARGETS = { sample: 5, large: 50 };
/**
 * Rounds of the whole golden set, each its own p95; the target reads their median. One burst of
 * a noisy neighbour (this machine is a VM) then moves one round, not the figure, as pyperf and
 * hyperfine repeat a benchmark and report over the repetitions. At least MIN_ROUNDS, more while
 * under MIN_MEASURE_MS, none started past MAX_MEASURE_MS.
 */
const MIN_ROUNDS = 5;
const MAX_ROUNDS = 9;
const MIN_MEASURE_MS = 8_000;
const MAX_MEASURE_MS = 25_000;
const WARM_UP_MS = 2_000;
const PROFILE_MS = 5_000;

interface CatalogRun {
  label: string;
  rows: number;
  /** Every turn timed, all rounds. */
  latencies: number[];
  /** p95 of each round (one pass over the golden set). */
  roundP95s: number[];
  /** Where a turn's time goes, profiled only after a miss. */
  hot?: HotFunctions;
}

type HotFunctions = { self: HotFunction[]; total: HotFunction[] };

/** Every golden case as its own conversation, turns in order, like the eval runs them. */
async function replayCases(
  app: App,
  cases: readonly LoadedCase[],
  onTurn: (ms: number) => void,
  stopAfterMs = Infinity,
): Promise<void> {
  const started = performance.now();
  for (const goldenCase of cases) {
    const conversationId = newConversationId();
    if (goldenCase.profile) await seedProfile(app.conversations, conversationId, goldenCase.profile);
    for (const turn of goldenCase.turns) {
      const t0 = performance.now();
      await app.pipeline.runTurn({ message: turn.user, conversationId });
      onTurn(performance.now() - t0);
      if (performance.now() - started > stopAfterMs) return;
    }
  }
}

/** Times rounds of every golden turn: MIN_ROUNDS at least, more while time allows (see MIN_ROUNDS). */
async function timeRounds(app: App, cases: readonly LoadedCase[]): Promise<number[][]> {
  // Warm-up: JIT, prompt files, SQLite statements.
  await replayCases(app, cases, () => {}, WARM_UP_MS);
  const rounds: number[][] = [];
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  while (rounds.length < MIN_ROUNDS || (rounds.length < MAX_ROUNDS && elapsed() < MIN_MEASURE_MS)) {
    const round: number[] = [];
    await replayCases(app, cases, (ms) => round.push(ms));
    rounds.push(round);
    if (elapsed() > MAX_MEASURE_MS) break;
  }
  return rounds;
}

async function measureCatalog(
  ctx: BenchContext,
  label: string,
  catalog: string,
  cases: LoadedCase[],
  limitMs: number,
): Promise<CatalogRun> {
  const app = await createBenchApp({ workDir: ctx.workDir, catalog, db: `pipeline-${label}.db` });
  try {
    const rows = app.pipeline.deps.tools.catalog.cars.length;
    ctx.log(`pipeline: ${label} catalog (${rows} cars)`);
    const rounds = await timeRounds(app, cases);
    const roundP95s = rounds.map((round) => percentile(round, 95));
    ctx.log(
      `pipeline: ${label}: ${rounds.length} rounds of ${countTurns(cases)} turns, p95 per round ${roundP95s.map((ms) => fmt(ms)).join(', ')} ms`,
    );
    const run: CatalogRun = { label, rows, latencies: rounds.flat(), roundP95s };
    if (median(roundP95s) >= limitMs) {
      ctx.log(`pipeline: ${label} misses its target; profiling ${PROFILE_MS / 1000} s of turns`);
      run.hot = await profileHotFunctions(() => replayCases(app, cases, () => {}, PROFILE_MS));
    }
    return run;
  } finally {
    await app.close();
  }
}

interface CatalogMemory {
  rows: number;
  skipped: number;
  loadMs: number;
  heapDeltaMb: number;
  rssDeltaMb: number;
  rssAfterMb: number;
}

/** Load time and memory of one catalog, in a fresh process so nothing else is on the heap. */
async function measureCatalogMemory(path: string): Promise<CatalogMemory> {
  const child = await runNode([
    '--expose-gc',
    '--import',
    TSX,
    join(REPO, 'bench/support/catalog-memory-child.ts'),
    path,
  ]);
  if (child.code !== 0)
    throw new Error(`catalog-memory-child failed (${child.code}): ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CatalogMemory;
}

function latencyRow(run: CatalogRun): string[] {
  return [
    run.label,
    run.rows.toLocaleString('en-US'),
    `${run.roundP95s.length} × ${run.latencies.length / run.roundP95s.length}`,
    fmt(percentile(run.latencies, 50), 3),
    fmt(median(run.roundP95s), 3),
    `${fmt(Math.min(...run.roundP95s), 3)} – ${fmt(Math.max(...run.roundP95s), 3)}`,
    fmt(Math.max(...run.latencies), 3),
  ];
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function hotNotes(run: CatalogRun): string[] {
  if (!run.hot) return [];
  return [
    `${run.label}: CPU profile of ${PROFILE_MS / 1000} s of turns, top self time (a function's self time includes the built-ins it calls, e.g. JSON.stringify): ${formatHot(run.hot.self.slice(0, 6))}`,
    `${run.label}: top total time in src/ (callers included): ${formatHot(run.hot.total.slice(0, 14))}`,
  ];
}

export const pipelineBench: Bench = {
  name: 'pipeline',
  title: 'Pipeline overhead per turn, offline runtime (no model wait)',
  async run(ctx): Promise<BenchOutcome> {
    const cases = await loadGoldenCases();
    const large = generatedCatalogPath(ctx.workDir);
    ctx.log(
      `pipeline: generated the ${LARGE_CATALOG_ROWS.toLocaleString('en-US')}-car catalog in ${fmt(large.generatedMs / 1000)} s`,
    );
    const memory = await measureCatalogMemory(large.path);
    const sampleMemory = await measureCatalogMemory(sampleCatalogPath());
    const runs = [
      await measureCatalog(ctx, 'sample', sampleCatalogPath(), cases, TARGETS.sample),
      await measureCatalog(ctx, '100k', large.path, cases, TARGETS.large),
    ];
    const [sample, big] = runs as [CatalogRun, CatalogRun];
    const figures: Record<string, number> = {
      'catalog100k.loadMs': round(memory.loadMs),
      'catalog100k.heapDeltaMb': round(memory.heapDeltaMb, 1),
      'catalog100k.rssDeltaMb': round(memory.rssDeltaMb, 1),
      'catalogSample.loadMs': round(sampleMemory.loadMs),
    };
    for (const run of runs) {
      figures[`${run.label}.turns`] = run.latencies.length;
      figures[`${run.label}.p50Ms`] = round(percentile(run.latencies, 50), 3);
      figures[`${run.label}.rounds`] = run.roundP95s.length;
      figures[`${run.label}.p95Ms`] = round(median(run.roundP95s), 3);
      figures[`${run.label}.p95MinMs`] = round(Math.min(...run.roundP95s), 3);
      figures[`${run.label}.p95MaxMs`] = round(Math.max(...run.roundP95s), 3);
      figures[`${run.label}.p95AllTurnsMs`] = round(percentile(run.latencies, 95), 3);
      figures[`${run.label}.maxMs`] = round(Math.max(...run.latencies), 3);
    }
    return {
      figures,
      targets: [
        target(
          'p95 per turn, sample catalog (median of rounds)',
          figures['sample.p95Ms']!,
          '<',
          TARGETS.sample,
          'ms',
        ),
        target(
          'p95 per turn, 100k catalog (median of rounds)',
          figures['100k.p95Ms']!,
          '<',
          TARGETS.large,
          'ms',
        ),
      ],
      tables: [
        {
          title: `Per turn over the golden set's ${countTurns(cases)} customer messages (${cases.length} conversations, replayed in order), in rounds`,
          head: ['catalog', 'cars', 'rounds × turns', 'p50 ms', 'p95 ms (median)', 'p95 range', 'max ms'],
          rows: runs.map(latencyRow),
        },
        {
          title: 'Catalog load (loadCatalog, fresh process, after gc)',
          head: ['catalog', 'cars', 'load ms', 'heap Δ MB', 'RSS Δ MB'],
          rows: [sampleMemory, memory].map((m, i) => [
            i === 0 ? 'sample' : '100k',
            m.rows.toLocaleString('en-US'),
            fmt(m.loadMs),
            fmt(m.heapDeltaMb, 1),
            fmt(m.rssDeltaMb, 1),
          ]),
        },
      ],
      notes: [
        'Offline runtime wired by createApp (SQLite file store, real catalog, knowledge base and prompts); a turn is runTurn() wall time, warm (after a 2 s warm-up).',
        `A round replays every golden turn once; the p95 is each round's, and the target reads their median (p95 range: the best and worst round). p95 over every turn of every round: sample ${fmt(figures['sample.p95AllTurnsMs']!, 3)} ms, 100k ${fmt(figures['100k.p95AllTurnsMs']!, 3)} ms.`,
        `The 100k catalog is generateCatalogCsv(${LARGE_CATALOG_ROWS}, seed 6) from the sample's cars.`,
        ...hotNotes(sample),
        ...hotNotes(big),
      ],
    };
  },
};
