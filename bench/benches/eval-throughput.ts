import { join } from 'node:path';
import { loadConfig } from '../../src/app/config/load-config.js';
import { packageRoot } from '../../src/app/config/paths.js';
import type { ModelCallSpan } from '../../src/core/trace/schema.js';
import type { CaseOutcome } from '../../src/eval/results/schema.js';
import type { Bench, BenchContext } from '../harness/bench.js';
import { loadEvalModules, timedEvalRun } from '../support/eval-modules.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, percentile, round } from '../harness/stats.js';
import { sampleCatalogPath } from '../support/catalogs.js';
import { listMakespan, lptMakespan, sequentialDepth } from '../support/schedule.js';
import { spawnScriptedOpenAIServer } from '../support/scripted-openai-process.js';
import { totalCalls } from '../support/scripted-openai-server.js';

const TARGET_EFFICIENCY = 0.9;

/** Sequential model-call stages of one turn: the pipeline's chain, plus one for its judges (they run in parallel). */
function turnStages(turn: CaseOutcome['turns'][number], delayMs: number): number {
  const calls = (turn.trace?.spans ?? [])
    .filter((span): span is ModelCallSpan => span.type === 'model_call')
    .map((span) => ({ start: Date.parse(span.startedAt), end: Date.parse(span.startedAt) + span.latencyMs }));
  return sequentialDepth(calls, delayMs) + (turn.judgeInputTokens > 0 ? 1 : 0);
}

interface JRun {
  j: number;
  wallMs: number;
  /** CPU time of this process during the run (the scripted server has its own). */
  cpuMs: number;
  /** Agent model-call latency as the pipeline saw it (the server's delay plus everything on the way). */
  callP50: number;
  callP95: number;
  cases: number;
  errors: number;
  calls: number;
  /** Case indexes in the order runEval started them. */
  startOrder: number[];
}

/** Where each -j loses time: the case order (runEval's start order vs LPT on stages), then everything else. */
function gapNotes(rows: readonly { j: number; wallMs: number; ideal: number; inOrder: number }[]): string[] {
  const parts = rows
    .filter((row) => row.wallMs > row.ideal * 1.02)
    .map((row) => {
      const order = Math.min(row.inOrder, row.wallMs) - row.ideal;
      return `-j ${row.j}: ${fmt((row.wallMs - row.ideal) / 1000)} s over the ideal, ${fmt(order / 1000)} s of it from the order runEval started cases in (longest first by the previous run, else by turns) rather than LPT on stages, ${fmt((row.wallMs - row.ideal - order) / 1000)} s from everything else (call latency above the delay, CPU)`;
    });
  return parts.length > 0 ? [`Where the time goes: ${parts.join('; ')}.`] : [];
}

export const evalThroughputBench: Bench = {
  name: 'eval',
  title: 'Eval throughput against a scripted OpenAI-compatible server with a fixed delay',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const modules = await loadEvalModules();
    const { loadEvalInputs, longestFirst } = modules;
    const delayMs = ctx.options.modelDelayMs;
    const server = await spawnScriptedOpenAIServer({ delayMs, catalog: sampleCatalogPath() });
    try {
      const config = loadConfig({ runtime: 'openai', baseUrl: server.url }, {}, ctx.workDir);
      const { cases, rubrics } = await loadEvalInputs({
        goldenSet: join(packageRoot(), 'golden-set'),
        judges: join(packageRoot(), 'judges'),
      });
      const evalAt = (j: number, previousDurations?: ReadonlyMap<string, number>) =>
        timedEvalRun(modules, { config, inputs: { cases, rubrics }, concurrency: j, previousDurations });
      // Untimed, with no delay: fills the server's answer cache, so its NLU never slows an answer.
      ctx.log('eval: warming the scripted server up (one untimed run, no delay)');
      await server.setDelay(0);
      await evalAt(8);
      await server.setDelay(delayMs);

      const runs: JRun[] = [];
      let stagesByCase: number[] | undefined;
      // As `kavak eval` reads the latest report: each run is ordered by the one before it.
      let previousDurations: Map<string, number> | undefined;
      for (const j of ctx.options.evalConcurrency) {
        await server.reset();
        ctx.log(`eval: -j ${j}, ${cases.length} cases`);
        const startOrder = longestFirst(cases, previousDurations).map((c) => cases.indexOf(c));
        const { outcome, wallMs, cpuMs } = await evalAt(j, previousDurations);
        previousDurations = new Map(outcome.cases.map((c) => [c.id, c.latencyMs]));
        const calls = totalCalls(await server.calls());
        const callMs = outcome.cases.flatMap((c) =>
          c.turns.flatMap((t) =>
            (t.trace?.spans ?? []).filter((s) => s.type === 'model_call').map((s) => s.latencyMs),
          ),
        );
        runs.push({
          j,
          wallMs,
          cpuMs,
          callP50: percentile(callMs, 50),
          callP95: percentile(callMs, 95),
          cases: outcome.cases.length,
          errors: outcome.cases.filter((c) => c.status === 'error').length,
          calls,
          startOrder,
        });
        // Chains from the first run (j = 1 when asked): the least contended timings.
        stagesByCase ??= outcome.cases.map((c) =>
          c.turns.reduce((n, turn) => n + turnStages(turn, delayMs), 0),
        );
        ctx.log(`eval: -j ${j}: ${fmt(wallMs / 1000)} s, ${calls} calls`);
      }
      const durations = stagesByCase!.map((stages) => stages * delayMs);
      const serialMs = durations.reduce((a, b) => a + b, 0);
      const rows = runs.map((run) => {
        const ideal = lptMakespan(durations, run.j);
        const inOrder = listMakespan(
          run.startOrder.map((i) => durations[i]!),
          run.j,
        );
        return { ...run, ideal, inOrder, efficiency: ideal / run.wallMs };
      });
      const figures: Record<string, number> = {
        delayMs,
        cases: cases.length,
        stages: stagesByCase!.reduce((a, b) => a + b, 0),
        serialIdealMs: serialMs,
      };
      for (const row of rows) {
        figures[`j${row.j}.wallMs`] = Math.round(row.wallMs);
        figures[`j${row.j}.idealMs`] = row.ideal;
        figures[`j${row.j}.runOrderIdealMs`] = row.inOrder;
        figures[`j${row.j}.efficiency`] = round(row.efficiency, 3);
        figures[`j${row.j}.errors`] = row.errors;
        figures[`j${row.j}.cpuMs`] = Math.round(row.cpuMs);
        figures[`j${row.j}.callP50Ms`] = round(row.callP50, 1);
        figures[`j${row.j}.callP95Ms`] = round(row.callP95, 1);
      }
      return {
        figures,
        targets: rows.map((row) =>
          target(
            `efficiency at -j ${row.j}`,
            round(row.efficiency * 100, 1),
            '>=',
            TARGET_EFFICIENCY * 100,
            '%',
          ),
        ),
        tables: [
          {
            title: `Whole golden set (${cases.length} cases, ${figures.stages} sequential model-call stages), every call answered after ${delayMs} ms`,
            head: [
              '-j',
              'wall s',
              'ideal s (LPT)',
              'ideal s (run order)',
              'efficiency',
              'call p50/p95 ms',
              'CPU s (busy)',
              'model calls',
              'case errors',
            ],
            rows: rows.map((row) => [
              String(row.j),
              fmt(row.wallMs / 1000),
              fmt(row.ideal / 1000),
              fmt(row.inOrder / 1000),
              `${fmt(row.efficiency * 100, 1)}%`,
              `${fmt(row.callP50, 0)} / ${fmt(row.callP95, 0)}`,
              `${fmt(row.cpuMs / 1000)} (${fmt((row.cpuMs / row.wallMs) * 100, 0)}%)`,
              String(row.calls),
              String(row.errors),
            ]),
          },
        ],
        notes: [
          ...gapNotes(rows),
          'In process: openAgent + createJudging + runEval as `kavak eval --runtime openai --base-url <scripted server>` wires them (judges on the same server, 1 sample), timed around runEval; CLI start-up and report writing are not included. The scripted server runs in its own process and answers from a cache filled by one untimed run (its NLU costs ms per intents call, which would otherwise make it, not the eval, the bottleneck at high -j); "CPU s (busy)" is the CPU time of this process during the run and its share of the wall time (near 100% = the eval is CPU-bound on one core, not waiting on the model).',
          `Ideal: each case is a chain of stages × ${delayMs} ms, a stage being one model call or several in parallel (the stages of a turn are read from its trace: the longest run of model calls that did not overlap, plus one for its judges, which run in parallel); cases are scheduled on j slots longest-first (LPT list scheduling, ≤ 4/3 of optimal). "run order" schedules them in the order runEval started them (longest first by the previous run's case durations, as \`kavak eval\` reads them from the latest report; by turn count for the first run); efficiency = ideal (LPT) / wall.`,
        ],
      };
    } finally {
      await server.close();
    }
  },
};
