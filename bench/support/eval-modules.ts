import { BenchUnavailableError } from '../harness/bench.js';

/** The eval runner's modules, loaded when a bench runs so a missing one is reported, not a crash. */
export async function loadEvalModules() {
  try {
    const [session, runner, order, cache] = await Promise.all([
      import('../../src/eval/runner/eval-session.js'),
      import('../../src/eval/runner/run-eval.js'),
      import('../../src/eval/runner/case-order.js'),
      import('../../src/eval/runner/response-cache-setup.js'),
    ]);
    return { ...session, ...runner, ...order, ...cache };
  } catch (error) {
    throw new BenchUnavailableError(
      `the eval runner (src/eval/runner) does not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export type EvalModules = Awaited<ReturnType<typeof loadEvalModules>>;
type EvalRunOutcome = Awaited<ReturnType<EvalModules['runEval']>>;

/**
 * One in-process run of the golden set as `kavak eval --runtime openai` wires it (the agent, the
 * judges on the same config with 1 sample, an optional response cache over both), timed around
 * runEval only: its wall time and this process's CPU time (user + system).
 */
export async function timedEvalRun(
  modules: EvalModules,
  run: {
    config: Parameters<EvalModules['openAgent']>[0];
    inputs: Awaited<ReturnType<EvalModules['loadEvalInputs']>>;
    concurrency: number;
    cache?: Parameters<EvalModules['openAgent']>[2];
    previousDurations?: ReadonlyMap<string, number>;
  },
): Promise<{ outcome: EvalRunOutcome; wallMs: number; cpuMs: number }> {
  const agent = await modules.openAgent(run.config, undefined, run.cache);
  const judging = modules.createJudging(
    run.config,
    { samples: 1, rubrics: run.inputs.rubrics },
    undefined,
    run.cache,
  );
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const outcome = await modules.runEval({
      cases: run.inputs.cases,
      pipeline: agent.pipeline,
      scoreTurn: judging.scoreTurn,
      concurrency: run.concurrency,
      repeat: 1,
      caseTimeoutMs: 300_000,
      previousDurations: run.previousDurations,
    });
    const used = process.cpuUsage(cpu);
    return { outcome, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await agent.app.close();
  }
}
