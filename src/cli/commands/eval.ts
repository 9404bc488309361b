import { join, resolve } from 'node:path';
import { packageRoot } from '../../app/config/paths.js';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { UserInputError } from '../../support/errors.js';
import { compareRuns } from '../../eval/compare/compare-runs.js';
import { loadRunResult } from '../../eval/compare/load-run-result.js';
import { REPORT_WRITERS } from '../../eval/reports/index.js';
import { writeRunReports } from '../../eval/reports/write-results.js';
import { buildRunResult } from '../../eval/runner/build-run-result.js';
import { estimateRun } from '../../eval/runner/dry-run.js';
import { parseEvalOptions, type EvalOptions } from '../../eval/runner/eval-options.js';
import { createLimiter, resolveJudge } from '../../eval/runner/eval-runtimes.js';
import { createJudging, loadEvalInputs, loadTools, openAgent } from '../../eval/runner/eval-session.js';
import {
  DEFAULT_CASE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  evalSettingsFrom,
  gateSettings,
} from '../../eval/runner/eval-settings.js';
import { evaluateGate } from '../../eval/runner/gate.js';
import { rescoreRun } from '../../eval/runner/rescore.js';
import { asRunFailure } from '../../eval/runner/run-failure.js';
import { assertRunMeasured } from '../../eval/runner/run-health.js';
import { runEval, type EvalRunOutcome } from '../../eval/runner/run-eval.js';
import { newRunId } from '../../eval/runner/run-metadata.js';
import { summarizeRun } from '../../eval/runner/summarize-run.js';
import { dryRunTable } from '../../eval/terminal/dry-run-table.js';
import { agentModels, paidRunBanner } from '../../eval/terminal/paid-run-banner.js';
import { createProgressListener } from '../../eval/terminal/progress-bar.js';
import { renderTerminalReport } from '../../eval/terminal/render-report.js';
import { loadCustomScorers, resolveScorersDir } from '../../eval/scorers/custom/load-custom-scorers.js';
import { startTelemetry } from '../../telemetry/index.js';
import { ExitCode } from '../run-cli.js';

export interface EvalCommandInput {
  globals: GlobalFlags;
  /** The eval's own flags, as commander parsed them (validated here). */
  flags: Record<string, unknown>;
}

/** `kavak eval`: exit 0 when every gate passes, 1 below a gate, 2 when the run itself failed. */
export async function evalCommand(input: EvalCommandInput): Promise<void> {
  const code = await asRunFailure(() => runEvalCommand(input));
  if (code !== 0) throw new ExitCode(code);
}

async function runEvalCommand(input: EvalCommandInput): Promise<number> {
  const options = parseEvalOptions(input.flags);
  const config = loadConfig(input.globals);
  const file = evalSettingsFrom(config);
  const goldenSet = options.goldenSet ? resolve(options.goldenSet) : join(packageRoot(), 'golden-set');
  const { cases, rubrics } = await loadEvalInputs({
    goldenSet,
    judges: options.judges && resolve(options.judges),
    filter: options.filter,
  });
  const customScorers = await loadCustomScorers(resolveScorersDir(options.scorers));
  const judgeFlags = {
    judgeRuntime: options.judgeRuntime,
    judgeModel: options.judgeModel,
    judgeBaseUrl: options.judgeBaseUrl,
  };
  const samples = options.judgeSamples ?? file.judgeSamples ?? 1;
  const concurrency = options.concurrency ?? file.concurrency ?? DEFAULT_CONCURRENCY;

  const judge = resolveJudge(config, judgeFlags);
  const plan = (judgeOnly: boolean) =>
    estimateRun({
      cases,
      repeat: options.repeat,
      promptsDir: config.prompts,
      rubrics,
      agent: { runtime: config.runtime, model: config.model },
      judge: { runtime: judge.runtime, model: judge.model, samples },
      prices: config.prices,
      judgeOnly,
    });
  if (options.dryRun) {
    const estimate = plan(false);
    process.stdout.write(options.json ? `${JSON.stringify(estimate, null, 2)}\n` : dryRunTable(estimate));
    return 0;
  }
  if (options.repeat > 1 && config.runtime === 'replay' && !options.rescore) {
    throw new UserInputError(
      '--repeat measures nothing on the replay runtime: every repeat would get the same recorded answers.',
      {
        hint: 'Run repeats against a live model (--runtime openai), or drop --repeat.',
      },
    );
  }
  // Read before the run, so a bad path fails in a second rather than after the whole run.
  const baseline = options.baseline ? loadRunResult(options.baseline, '--baseline') : undefined;
  const stored = options.rescore ? loadRunResult(options.rescore, '--rescore') : undefined;
  // Renders every prompt (a broken one fails here, before any call) and says what a paid run costs.
  const estimate = plan(stored !== undefined);
  process.stderr.write(
    paidRunBanner({
      agent: {
        ...estimate.agent,
        runtime: stored?.runtime ?? config.runtime,
        models: stored ? [stored.model] : agentModels(config),
      },
      judge: { ...estimate.judge, models: [estimate.judge.model] },
      prices: config.prices,
    }),
  );

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

  let outcome: EvalRunOutcome;
  let agent: { runtime: string; model: string };
  const notes: string[] = [];
  try {
    if (stored) {
      const rescored = await rescoreRun(
        {
          stored,
          cases,
          tools: await loadTools(config),
          scoreTurn: judging.scoreTurn,
          scoreCase: judging.scoreCase,
          concurrency,
        },
        progress,
      );
      outcome = rescored;
      notes.push(...rescored.notes);
      agent = { runtime: stored.runtime, model: stored.model };
    } else {
      const session = await openAgent(config, limiter);
      const telemetry = await startTelemetry(process.env, session.app.logger);
      agent = { runtime: session.runtime, model: session.model };
      try {
        outcome = await runEval(
          {
            cases,
            pipeline: telemetry.observe(session.pipeline),
            scoreTurn: judging.scoreTurn,
            scoreCase: judging.scoreCase,
            concurrency,
            repeat: options.repeat,
            maxCostUsd: options.maxCost ?? file.maxCostUsd,
            caseTimeoutMs: options.caseTimeout ?? file.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
            signal: interrupt.signal,
          },
          progress,
        );
      } finally {
        await session.app.close();
        await telemetry.shutdown();
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
  }

  const run = buildRunResult(outcome, {
    runId: newRunId(),
    config,
    agent,
    judge: { runtime: judging.judge.runtime, model: judging.judge.model, samples },
    rubrics: judging.judge.rubricInfo(),
    options: recordedOptions(options, goldenSet),
  });
  const comparison = baseline ? compareRuns(baseline, run) : undefined;
  const written = await writeRunReports(run, options.out, REPORT_WRITERS, { comparison });
  const summary = summarizeRun(run);
  const verdict = evaluateGate(
    summary,
    gateSettings(
      { ...options, scorerThresholds: options.scorerThreshold, tagThresholds: options.tagThreshold },
      file,
    ),
    {
      comparison,
      failOnRegression: options.failOnRegression,
    },
  );
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ runId: run.runId, reportDir: written.dir, summary, gate: verdict, comparison, notes }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(renderTerminalReport({ run, summary, comparison, verdict, reportDir: written.dir }));
    for (const note of notes) process.stderr.write(`note: ${note}\n`);
  }
  assertRunMeasured(run, summary, config.prompts);
  return verdict.exitCode;
}

/** The flags worth keeping in results.json (to know how a run was made). */
function recordedOptions(options: EvalOptions, goldenSet: string): Record<string, unknown> {
  const { json: _json, progress: _progress, ...kept } = options;
  return { ...kept, goldenSet };
}
