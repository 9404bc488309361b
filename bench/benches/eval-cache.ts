import { join } from 'node:path';
import { loadConfig } from '../../src/app/config/load-config.js';
import { packageRoot } from '../../src/app/config/paths.js';
import type { ResponseCache } from '../../src/runtime/recording/with-response-cache.js';
import type { Bench, BenchContext } from '../harness/bench.js';
import { loadEvalModules, timedEvalRun } from '../support/eval-modules.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, round } from '../harness/stats.js';
import { sampleCatalogPath } from '../support/catalogs.js';
import { spawnScriptedOpenAIServer } from '../support/scripted-openai-process.js';
import { totalCalls } from '../support/scripted-openai-server.js';

/** Cases in flight: high, so the first run is as short as it gets and the ratio is the hard one. */
const CONCURRENCY = 16;
const TARGET_WALL_SHARE = 10;

interface CacheRun {
  wallMs: number;
  /** CPU time of this process during the run: the second run is CPU-bound, the first waits on the model. */
  cpuMs: number;
  calls: number;
  hits: number;
  misses: number;
  errors: number;
}

export const evalCacheBench: Bench = {
  name: 'eval-cache',
  title: 'Eval response cache: a second identical run against a scripted model answering in 200 ms',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const modules = await loadEvalModules();
    const { loadEvalInputs, openResponseCache } = modules;
    const delayMs = ctx.options.modelDelayMs;
    const server = await spawnScriptedOpenAIServer({ delayMs, catalog: sampleCatalogPath() });
    try {
      const config = loadConfig({ runtime: 'openai', baseUrl: server.url }, {}, ctx.workDir);
      const { cases, rubrics } = await loadEvalInputs({
        goldenSet: join(packageRoot(), 'golden-set'),
        judges: join(packageRoot(), 'judges'),
      });
      const cacheDir = join(ctx.workDir, 'eval-cache');
      // As `kavak eval` wires it: one cache over the agent's and the judges' calls.
      const evalWith = (cache: ResponseCache | undefined) =>
        timedEvalRun(modules, { config, inputs: { cases, rubrics }, concurrency: CONCURRENCY, cache });
      const measured = async (label: string): Promise<CacheRun> => {
        await server.reset();
        const cache = openResponseCache({ cache: true, cacheDir }, config, {}, (m) => ctx.log(m));
        ctx.log(`eval-cache: ${label}, ${cases.length} cases, -j ${CONCURRENCY}`);
        const { outcome, wallMs, cpuMs } = await evalWith(cache);
        const calls = totalCalls(await server.calls());
        ctx.log(`eval-cache: ${label}: ${fmt(wallMs / 1000)} s, ${calls} model calls`);
        return {
          wallMs,
          cpuMs,
          calls,
          hits: cache!.stats.hits,
          misses: cache!.stats.misses,
          errors: outcome.cases.filter((c) => c.status === 'error').length,
        };
      };

      // Untimed, no delay, no cache: fills the scripted server's own answer cache (its NLU).
      ctx.log('eval-cache: warming the scripted server up (one untimed run, no delay)');
      await server.setDelay(0);
      await evalWith(undefined);
      await server.setDelay(delayMs);

      const first = await measured('first run (empty cache)');
      const second = await measured('second identical run');
      const share = (second.wallMs / first.wallMs) * 100;
      const row = (name: string, run: CacheRun) => [
        name,
        fmt(run.wallMs / 1000),
        fmt(run.cpuMs / 1000),
        String(run.calls),
        String(run.hits),
        String(run.misses),
        String(run.errors),
      ];
      return {
        figures: {
          delayMs,
          cases: cases.length,
          concurrency: CONCURRENCY,
          'first.wallMs': Math.round(first.wallMs),
          'first.modelCalls': first.calls,
          'first.hits': first.hits,
          'first.cpuMs': Math.round(first.cpuMs),
          'second.wallMs': Math.round(second.wallMs),
          'second.cpuMs': Math.round(second.cpuMs),
          'second.modelCalls': second.calls,
          'second.hits': second.hits,
          'second.errors': second.errors,
          wallSharePct: round(share, 2),
        },
        targets: [
          target('model calls in the second run', second.calls, '<=', 0, 'calls'),
          target("second run's wall time, share of the first", round(share, 2), '<', TARGET_WALL_SHARE, '%'),
        ],
        tables: [
          {
            title: `Whole golden set (${cases.length} cases, -j ${CONCURRENCY}), every model call answered after ${delayMs} ms`,
            head: ['run', 'wall s', 'CPU s', 'model calls', 'cache hits', 'cache misses', 'case errors'],
            rows: [row('first (empty cache)', first), row('second (identical)', second)],
          },
        ],
        notes: [
          `In process: openAgent + createJudging + runEval with the response cache, as \`kavak eval --runtime openai --base-url <scripted server>\` wires them (judges on the same server, 1 sample), timed around runEval; CLI start-up and report writing are not included. Second run's wall time: ${fmt(share, 1)}% of the first. The first run waits on the model; the second is CPU-bound (reading ${second.hits} cache files, then the pipeline and the scorers: "CPU s"), so on a busy machine it stretches while the first barely does. "model calls" are counted by the scripted server; the first run's hits are calls repeated across cases (the same first message and judge input).`,
        ],
      };
    } finally {
      await server.close();
    }
  },
};
