import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, type GlobalFlags } from '../../core/config/load-config.js';
import { RuntimeNameSchema } from '../../core/config/schema.js';
import { UserInputError } from '../../core/errors.js';
import {
  defaultLabelsFile,
  formatCalibrationTable,
  formatDisagreements,
  runCalibration,
} from '../../eval/calibrate/index.js';
import { loadRubrics } from '../../eval/judge/rubric.js';
import { createJudgeRuntime, decorateRuntime } from '../../eval/runner/eval-runtimes.js';
import { asRunFailure } from '../../eval/runner/run-failure.js';

const CalibrateOptionsSchema = z.object({
  labels: z.string().min(1).optional(),
  judges: z.string().min(1).optional(),
  json: z.boolean().default(false),
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
    const runtime = createJudgeRuntime(config, options);
    const tty = process.stderr.isTTY === true;
    const report = await runCalibration({
      labelsFile: options.labels ? resolve(options.labels) : defaultLabelsFile(),
      runtime: decorateRuntime(runtime, { retries: config.maxRetries }),
      rubrics: loadRubrics(options.judges && resolve(options.judges)),
      samples: options.judgeSamples ?? 1,
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
  });
}
