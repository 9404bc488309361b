import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { RuntimeNameSchema } from '../../app/config/schema.js';
import { UserInputError } from '../../support/errors.js';
import { validShare } from '../../eval/calibrate/calibration-table.js';
import { estimateCalibration, type CalibrationEstimate } from '../../eval/calibrate/estimate-calibration.js';
import {
  defaultLabelsFile,
  formatCalibrationTable,
  formatDisagreements,
  runCalibration,
} from '../../eval/calibrate/index.js';
import { MIN_VALID_VERDICT_SHARE } from '../../eval/calibrate/run-calibration.js';
import { loadRubrics } from '../../eval/judge/rubric.js';
import { createJudgeRuntime, decorateRuntime, resolveJudge } from '../../eval/runner/eval-runtimes.js';
import { asRunFailure, EvalRunError } from '../../eval/runner/run-failure.js';
import { int, usd } from '../../eval/terminal/format.js';
import { paidRunBanner } from '../../eval/terminal/paid-run-banner.js';

const CalibrateOptionsSchema = z.object({
  labels: z.string().min(1).optional(),
  judges: z.string().min(1).optional(),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  judgeRuntime: RuntimeNameSchema.optional(),
  judgeModel: z.string().min(1).optional(),
  judgeBaseUrl: z.url().optional(),
  judgeSamples: z.coerce.number().int().min(1).max(15).optional(),
});

export interface CalibrateCommandInput {
  globals: GlobalFlags;
  flags: Record<string, unknown>;
}

/** `kavak eval calibrate`: how far each rubric's judge agrees with human labels. */
export async function calibrateCommand(input: CalibrateCommandInput): Promise<void> {
  await asRunFailure(async () => {
    const parsed = CalibrateOptionsSchema.safeParse(input.flags);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserInputError(
        `Bad calibrate option --${String(issue?.path[0] ?? '')}: ${issue?.message ?? ''}`,
      );
    }
    const options = parsed.data;
    const config = loadConfig(input.globals);
    const judge = resolveJudge(config, options);
    const labelsFile = options.labels ? resolve(options.labels) : defaultLabelsFile();
    const rubrics = loadRubrics(options.judges && resolve(options.judges));
    const samples = options.judgeSamples ?? 1;
    // Renders every judge prompt and sizes the run before any call, dry run or not.
    const estimate = estimateCalibration({
      labelsFile,
      rubrics,
      samples,
      runtime: judge.runtime,
      model: judge.model,
      prices: config.prices,
    });
    if (options.dryRun) {
      process.stdout.write(
        options.json ? `${JSON.stringify(estimate, null, 2)}\n` : calibrationEstimateText(estimate),
      );
      return;
    }
    process.stderr.write(
      paidRunBanner({
        judge: { ...estimate, models: [estimate.model] },
        prices: config.prices,
      }),
    );
    const runtime = createJudgeRuntime(config, options);
    const tty = process.stderr.isTTY === true;
    const report = await runCalibration({
      labelsFile,
      runtime: decorateRuntime(runtime, { retries: config.maxRetries }),
      rubrics,
      samples,
      prices: config.prices,
      onProgress: (done, total) => {
        if (tty && !options.json) process.stderr.write(`\r\x1b[2Kjudging ${done}/${total}`);
      },
    });
    if (tty && !options.json) process.stderr.write('\r\x1b[2K');
    process.stdout.write(
      options.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatCalibrationTable(report)}\n\n${report.skipped ? '' : `${formatDisagreements(report)}\n`}`,
    );
    if (!report.skipped && validShare(report) < MIN_VALID_VERDICT_SHARE) {
      const failed = report.verdicts.find((verdict) => verdict.judge === null && !verdict.skipped);
      throw new EvalRunError(
        `Only ${report.validVerdicts} of ${report.labels} labels got a valid judge verdict (at least ${Math.round(MIN_VALID_VERDICT_SHARE * 100)}% needed): the agreement figures above measure the failures, not the judge.`,
        {
          hint: `The first error: ${failed?.reason ?? 'unknown'}. Check the judge (${report.runtime} ${report.model}: --judge-runtime, --judge-model, --judge-base-url, OPENAI_API_KEY).`,
        },
      );
    }
  });
}

function calibrationEstimateText(estimate: CalibrationEstimate): string {
  const lines = [
    `Dry run: ${estimate.labels} labels × ${estimate.samples} sample(s) from ${estimate.labelsFile} — labels, rubrics and judge prompts valid, no model called`,
    estimate.skipped
      ? `judge: ${estimate.runtime}, no judge model: calibration would be skipped`
      : `judge: ${estimate.runtime} ${estimate.model}, ${int(estimate.calls)} calls, ~${int(estimate.inputTokens)} input + ~${int(estimate.outputTokens)} output tokens, ~${usd(estimate.costUsd)}`,
    ...estimate.warnings.map((warning) => `note: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
