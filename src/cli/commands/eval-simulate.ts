import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../app/config/paths.js';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { REPORT_WRITERS } from '../../eval/reports/index.js';
import { writeRunReports } from '../../eval/reports/write-results.js';
import { buildRunResult } from '../../eval/runner/build-run-result.js';
import { createLimiter } from '../../eval/runner/eval-runtimes.js';
import { createJudging, openAgent } from '../../eval/runner/eval-session.js';
import {
  DEFAULT_CASE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  evalSettingsFrom,
  gateSettings,
} from '../../eval/runner/eval-settings.js';
import { evaluateGate } from '../../eval/runner/gate.js';
import { asRunFailure } from '../../eval/runner/run-failure.js';
import { assertRunMeasured } from '../../eval/runner/run-health.js';
import { newRunId } from '../../eval/runner/run-metadata.js';
import { summarizeRun } from '../../eval/runner/summarize-run.js';
import { assertRubricsExist, loadRubrics } from '../../eval/judge/rubric.js';
import { loadCustomScorers, resolveScorersDir } from '../../eval/scorers/custom/load-custom-scorers.js';
import { loadPersonas } from '../../eval/simulate/load-personas.js';
import { resolveCustomer, runSimulation } from '../../eval/simulate/run-simulation.js';
import { saveSimulatedCase } from '../../eval/simulate/save-simulated-case.js';
import { parseSimulateOptions, type SimulateOptions } from '../../eval/simulate/simulate-options.js';
import { createProgressListener } from '../../eval/terminal/progress-bar.js';
import { renderTerminalReport } from '../../eval/terminal/render-report.js';
import { terminalLayout } from '../../eval/terminal/terminal-layout.js';
import { ExitCode } from '../run-cli.js';

export interface SimulateCommandInput {
  globals: GlobalFlags;
  flags: Record<string, unknown>;
}

/** `kavak eval simulate`: the eval's exit codes (0 pass, 1 below a gate, 2 the run failed). */
export async function simulateCommand(input: SimulateCommandInput): Promise<void> {
  const code = await asRunFailure(() => runSimulateCommand(input));
  if (code !== 0) throw new ExitCode(code);
}

async function runSimulateCommand(input: SimulateCommandInput): Promise<number> {
  const options = parseSimulateOptions(input.flags);
  if (options.saveCase !== undefined && options.to !== undefined) {
    const saved = saveSimulatedCase({ from: options.saveCase, to: options.to, id: options.id });
    process.stdout.write(
      `Saved case "${saved.testCase.id}" (${saved.testCase.turns.length} turns) to ${saved.path}.\nIts expectations are conservative defaults: edit them, then run kavak eval --golden-set <folder> --filter ${saved.testCase.id}\n`,
    );
    return 0;
  }
  const config = loadConfig(input.globals);
  const file = evalSettingsFrom(config);
  const personas = await loadPersonas(personasDir(options), options.persona);
  const customer = resolveCustomer(config, options);
  const rubrics = loadRubrics(options.judges && resolve(options.judges));
  const conversationRubrics = rubrics.filter((r) => r.scope === 'conversation').map((r) => r.name);
  assertRubricsExist(
    personas.flatMap((p) => (p.judges ?? []).map((j) => (typeof j === 'string' ? j : j.name))),
    rubrics,
    'conversation',
  );
  const customScorers = await loadCustomScorers(resolveScorersDir(options.scorers));
  const samples = options.judgeSamples ?? file.judgeSamples ?? 1;
  const judgeFlags = {
    judgeRuntime: options.judgeRuntime,
    judgeModel: options.judgeModel,
    judgeBaseUrl: options.judgeBaseUrl,
  };
  const limiter = createLimiter(options.rpm ?? file.rpm);
  const judging = createJudging(
    config,
    { ...judgeFlags, samples, rubrics, weights: file.weights, customScorers },
    limiter,
  );
  const progress = options.progress && !options.json ? createProgressListener(process.stderr) : () => {};
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onSigint);

  const agent = await openAgent(config, limiter);
  let outcome;
  try {
    outcome = await runSimulation(
      {
        personas,
        agent,
        scoreTurn: judging.scoreTurn,
        scoreCase: judging.scoreCase,
        conversationRubrics,
        config,
        customer: options,
        limiter,
        runs: options.runs,
        seed: options.seed,
        maxTurns: options.maxTurns,
        concurrency: options.concurrency ?? file.concurrency ?? DEFAULT_CONCURRENCY,
        maxCostUsd: options.maxCost ?? file.maxCostUsd,
        caseTimeoutMs: options.caseTimeout ?? file.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
        signal: interrupt.signal,
      },
      progress,
    );
  } finally {
    process.off('SIGINT', onSigint);
    await agent.app.close();
  }

  const run = buildRunResult(outcome, {
    runId: newRunId(),
    config,
    agent: { runtime: agent.runtime, model: agent.model },
    judge: { runtime: judging.judge.runtime, model: judging.judge.model, samples },
    rubrics: judging.judge.rubricInfo(),
    options: recordedOptions(options, customer),
  });
  const written = await writeRunReports(run, options.out, REPORT_WRITERS);
  const summary = summarizeRun(run);
  const verdict = evaluateGate(summary, gateSettings(options, file));
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ runId: run.runId, reportDir: written.dir, summary, gate: verdict }, null, 2)}\n`,
    );
  } else {
    const layout = terminalLayout(process.stdout);
    process.stdout.write(renderTerminalReport({ run, summary, verdict, reportDir: written.dir, layout }));
  }
  assertRunMeasured(run, summary, config.prompts);
  return verdict.exitCode;
}

/** --personas, else ./personas when there is one, else the bundled personas/. */
function personasDir(options: SimulateOptions): string {
  if (options.personas) return resolve(options.personas);
  const local = resolve('personas');
  return existsSync(local) ? local : join(packageRoot(), 'personas');
}

function recordedOptions(
  options: SimulateOptions,
  customer: ReturnType<typeof resolveCustomer>,
): Record<string, unknown> {
  const { json: _json, progress: _progress, saveCase: _s, to: _t, id: _i, ...kept } = options;
  return { ...kept, simulate: true, customer };
}
