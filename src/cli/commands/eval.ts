import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../app/config/paths.js';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { UserInputError } from '../../support/errors.js';
import { describeBaselinePairing } from '../../eval/compare/describe-pairing.js';
import type { EvalSourceFolders } from '../../eval/changed-prompts/affected-cases.js';
import { casesToRun } from '../../eval/changed-prompts/select-cases.js';
import { buildPrComment } from '../../eval/ci/pr-comment.js';
import { compareRuns } from '../../eval/compare/compare-runs.js';
import { loadGoldenSet } from '../../eval/golden-set/load.js';
import { defaultJudgesDir } from '../../eval/judge/rubric.js';
import { loadRunResult } from '../../eval/compare/load-run-result.js';
import { REPORT_WRITERS } from '../../eval/reports/index.js';
import { writeOutputFile } from '../../eval/reports/output-file.js';
import { DEFAULT_KEEP_RUNS } from '../../eval/reports/run-folders.js';
import {
  describeWrittenReports,
  partialRunReason,
  writeRunReports,
} from '../../eval/reports/write-results.js';
import { buildRunResult } from '../../eval/runner/build-run-result.js';
import { estimateRun, type DryRunEstimate } from '../../eval/runner/dry-run.js';
import { parseEvalOptions, type EvalOptions } from '../../eval/runner/eval-options.js';
import { createLimiter, resolveJudge } from '../../eval/runner/eval-runtimes.js';
import { cacheReport, openResponseCache } from '../../eval/runner/response-cache-setup.js';
import { createJudging, loadEvalInputs, loadTools, openAgent } from '../../eval/runner/eval-session.js';
import {
  DEFAULT_CASE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  evalSettingsFrom,
  gateSettings,
} from '../../eval/runner/eval-settings.js';
import { evaluateGate } from '../../eval/runner/gate.js';
import { previousCaseDurations } from '../../eval/runner/case-order.js';
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
import { openTarget } from '../../eval/target/open-target.js';
import { replyOnlyTurnScorer } from '../../eval/target/target-scorer.js';
import { watchEval } from '../../eval/watch/watch-eval.js';
import { loadVariants } from '../../eval/variants/load-variants.js';
import { runVariants, type VariantOutcome } from '../../eval/variants/run-variants.js';
import { variantsDryRun, variantsRunPlan } from '../../eval/variants/variant-plan.js';
import { buildVariantRuns, writeVariantResults } from '../../eval/variants/variant-runs.js';
import { terminalLayout } from '../../eval/terminal/terminal-layout.js';
import { startTelemetry } from '../../telemetry/index.js';
import { ExitCode } from '../run-cli.js';

export interface EvalCommandInput {
  globals: GlobalFlags;
  /** The eval's own flags, as commander parsed them (validated here). */
  flags: Record<string, unknown>;
  /** What a --watch re-run is limited to (still cut by --filter). */
  onlyCaseIds?: ReadonlySet<string>;
}

/** `kavak eval`: exit 0 when every gate passes, 1 below a gate, 2 when the run itself failed. */
export async function evalCommand(input: EvalCommandInput): Promise<void> {
  if (input.flags.watch === true) return watchCommand(input);
  const code = await asRunFailure(() => runEvalCommand(input));
  if (code !== 0) throw new ExitCode(code);
}

async function runEvalCommand(input: EvalCommandInput): Promise<number> {
  const options = parseEvalOptions(input.flags);
  const config = loadConfig(input.globals);
  // Every overlay validated first: a bad one fails naming its file and field, before any call.
  const variants = options.variant && loadVariants(options.variant, input.globals);
  const file = evalSettingsFrom(config);
  const folders = sourceFolders(options, config.prompts);
  const goldenSet = folders.goldenSet;
  const inputs = await loadEvalInputs({
    goldenSet,
    judges: options.judges && resolve(options.judges),
    filter: options.filter,
  });
  const rubrics = inputs.rubrics;
  const chosen = casesToRun({
    cases: inputs.cases,
    folders,
    // A --watch re-run already knows its cases.
    changedSince: input.onlyCaseIds ? undefined : options.changedPrompts,
    onlyCaseIds: input.onlyCaseIds,
    filtered: options.filter !== undefined,
    cwd: process.cwd(),
  });
  const cases = chosen.cases;
  for (const line of chosen.lines) process.stderr.write(`${line}\n`);
  if (cases.length === 0) {
    if (options.prComment) writeFileSync(options.prComment, buildPrComment({ selectionLines: chosen.lines }));
    return 0;
  }
  const customScorers = await loadCustomScorers(resolveScorersDir(options.scorers));
  const judgeFlags = {
    judgeRuntime: options.judgeRuntime,
    judgeModel: options.judgeModel,
    judgeBaseUrl: options.judgeBaseUrl,
  };
  const samples = options.judgeSamples ?? file.judgeSamples ?? 1;
  const concurrency = options.concurrency ?? file.concurrency ?? DEFAULT_CONCURRENCY;

  const judge = resolveJudge(config, judgeFlags);
  const plan = (judgeOnly: boolean, agentConfig = config) =>
    estimateRun({
      cases,
      repeat: options.repeat,
      promptsDir: agentConfig.prompts,
      rubrics,
      agent: { runtime: agentConfig.runtime, model: agentConfig.model },
      judge: { runtime: judge.runtime, model: judge.model, samples },
      prices: agentConfig.prices,
      judgeOnly,
    });
  if (options.dryRun && variants) {
    process.stdout.write(variantsDryRun(variants, (c) => plan(false, c), options.json));
    return 0;
  }
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
  // With variants, each variant's prompts: the base config does not run by itself.
  const singleRunPlan = (estimate: DryRunEstimate) => ({
    agent: {
      ...estimate.agent,
      runtime: stored?.runtime ?? config.runtime,
      models: stored ? [stored.model] : agentModels(config),
    },
    judge: { ...estimate.judge, models: [estimate.judge.model] },
    prices: config.prices,
  });
  process.stderr.write(
    paidRunBanner(
      variants ? variantsRunPlan(variants, (c) => plan(false, c)) : singleRunPlan(plan(stored !== undefined)),
    ),
  );

  const limiter = createLimiter(options.rpm ?? file.rpm);
  const cache = openResponseCache(options, config);
  const judging = createJudging(
    config,
    { ...judgeFlags, samples, rubrics, weights: file.weights, customScorers },
    limiter,
    cache,
  );
  const progress = options.progress && !options.json ? createProgressListener(process.stderr) : () => {};
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onSigint);

  let outcome: EvalRunOutcome;
  let agent: { runtime: string; model: string };
  let ranVariants: VariantOutcome[] | undefined;
  const notes: string[] = [];
  const loop = {
    cases,
    scoreTurn: judging.scoreTurn,
    scoreCase: judging.scoreCase,
    concurrency,
    repeat: options.repeat,
    maxCostUsd: options.maxCost ?? file.maxCostUsd,
    caseTimeoutMs: options.caseTimeout ?? file.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
    signal: interrupt.signal,
    previousDurations: previousCaseDurations(options.out, config),
  };
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
    } else if (variants) {
      ranVariants = await runVariants({ ...loop, variants, limiter, cache }, progress);
      ({ outcome, agent } = ranVariants[0]!);
    } else {
      const session = await openAgent(config, limiter, cache);
      const telemetry = await startTelemetry(process.env, session.app.logger);
      const target = options.target
        ? await openTarget({ ...options, target: options.target }, session.pipeline, process.env, (why) =>
            interrupt.abort(why),
          )
        : undefined;
      const seeded = target ? cases.filter((c) => c.profile).map((c) => c.id) : [];
      if (seeded.length > 0)
        notes.push(
          `--target cannot give the server a starting profile: ${seeded.join(', ')} ran without theirs`,
        );
      agent = target
        ? { runtime: 'target', model: new URL(options.target!).host }
        : { runtime: session.runtime, model: session.model };
      try {
        outcome = await runEval(
          {
            ...loop,
            pipeline: target?.pipeline ?? telemetry.observe(session.pipeline),
            scoreTurn: target ? replyOnlyTurnScorer(judging.scoreTurn, file.weights) : judging.scoreTurn,
          },
          progress,
        );
      } finally {
        await target?.close();
        await session.app.close();
        await telemetry.shutdown();
      }
      const fatal = target?.fatal();
      if (fatal) throw fatal;
    }
  } finally {
    process.off('SIGINT', onSigint);
  }

  const facts = {
    runId: newRunId(),
    judge: { runtime: judging.judge.runtime, model: judging.judge.model, samples },
    rubrics: judging.judge.rubricInfo(),
    options: recordedOptions(options, goldenSet),
  };
  // With --variant the run folder's results.json is the first variant's (see buildVariantRuns).
  const variantRuns = ranVariants && buildVariantRuns(ranVariants, facts);
  const run =
    variantRuns?.[0]!.run ?? buildRunResult(outcome, { ...facts, config, agent, cache: cacheReport(cache) });
  const comparison = baseline ? compareRuns(baseline, run) : undefined;
  if (comparison) process.stderr.write(`${describeBaselinePairing(comparison)}\n`);
  const writers = variantRuns
    ? [
        ...REPORT_WRITERS,
        (_run: unknown, dir: string) => Promise.resolve(writeVariantResults(variantRuns, dir)[0]!),
      ]
    : REPORT_WRITERS;
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
  if (variantRuns) verdict.notes.push(`the gate applies to the first variant, ${variantRuns[0]!.name}`);
  run.gate = { pass: verdict.pass, failures: verdict.failures };
  const keepRuns = options.keepRuns ?? file.keepRuns ?? DEFAULT_KEEP_RUNS;
  const written = await writeRunReports(
    run,
    options.out,
    writers,
    { comparison, variants: variantRuns },
    {
      // Against every case the golden set (after --filter) has: --changed-prompts runs fewer.
      partial: partialRunReason(run, inputs.cases.length),
      keepRuns,
    },
  );
  const reportNotes = describeWrittenReports(written, keepRuns);
  if (options.output) reportNotes.unshift(`Wrote ${await writeOutputFile(options.output, run, comparison)}`);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ runId: run.runId, reportDir: written.dir, reportNotes, summary, gate: verdict, comparison, variants: variantRuns?.map(({ name, file, summary, comparison }) => ({ name, file, summary, comparison })), notes }, null, 2)}\n`,
    );
  } else {
    const layout = terminalLayout(process.stdout, { verbose: options.verbose });
    process.stdout.write(
      renderTerminalReport({
        run,
        summary,
        comparison,
        verdict,
        reportDir: written.dir,
        variants: variantRuns,
        reportNotes,
        layout,
      }),
    );
    for (const note of notes) process.stderr.write(`note: ${note}\n`);
  }
  if (options.prComment) {
    const summaryMarkdown = readFileSync(join(written.dir, 'summary.md'), 'utf8');
    writeFileSync(
      options.prComment,
      buildPrComment({ summaryMarkdown, selectionLines: chosen.lines, comparison, verdict }),
    );
  }
  for (const v of variantRuns ?? [{ run, summary, prompts: config.prompts }])
    assertRunMeasured(v.run, v.summary, v.prompts);
  return verdict.exitCode;
}

function sourceFolders(options: EvalOptions, prompts: string): EvalSourceFolders {
  return {
    prompts,
    judges: options.judges ? resolve(options.judges) : defaultJudgesDir(),
    goldenSet: options.goldenSet ? resolve(options.goldenSet) : join(packageRoot(), 'golden-set'),
  };
}

/** `kavak eval --watch`: one run, then a re-run of the affected cases after each change. */
async function watchCommand(input: EvalCommandInput): Promise<void> {
  const options = parseEvalOptions(input.flags);
  const folders = sourceFolders(options, loadConfig(input.globals).prompts);
  await watchEval({
    folders,
    run: (onlyCaseIds) => asRunFailure(() => runEvalCommand({ ...input, onlyCaseIds })),
    loadCases: () => loadGoldenSet(folders.goldenSet, { filter: options.filter }),
    output: process.stderr,
  });
}

/** The flags worth keeping in results.json (to know how a run was made). */
function recordedOptions(options: EvalOptions, goldenSet: string): Record<string, unknown> {
  const { json: _json, progress: _progress, verbose: _verbose, ...kept } = options;
  return { ...kept, goldenSet };
}
