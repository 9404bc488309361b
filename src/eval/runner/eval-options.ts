import { z } from 'zod';
import { UserInputError } from '../../support/errors.js';
import { RuntimeNameSchema } from '../../app/config/schema.js';

const Rate = z.coerce.number().min(0).max(1);

/** `name=rate` pairs from a repeatable flag (--scorer-threshold facts=1 --scorer-threshold judge:tone=0.8). */
const Thresholds = z
  .array(z.string())
  .transform((pairs, ctx) => {
    const out: Record<string, number> = {};
    for (const pair of pairs) {
      const match = /^(.+)=([\d.]+)$/.exec(pair.trim());
      const rate = match ? Number(match[2]) : NaN;
      if (!match || !(rate >= 0 && rate <= 1)) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=rate with a rate from 0 to 1` });
        continue;
      }
      out[match[1]!] = rate;
    }
    return out;
  })
  .optional();

/** The `kavak eval` flags as commander hands them over (strings), validated and typed. */
export const EvalOptionsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(64).optional(),
  filter: z.string().optional(),
  repeat: z.coerce.number().int().min(1).max(100).default(1),
  maxCost: z.coerce.number().positive().optional(),
  dryRun: z.boolean().default(false),
  rescore: z.string().min(1).optional(),
  baseline: z.string().min(1).optional(),
  failOnRegression: z.boolean().default(false),
  minPassRate: Rate.optional(),
  scorerThreshold: Thresholds,
  tagThreshold: Thresholds,
  rpm: z.coerce.number().int().positive().optional(),
  caseTimeout: z.coerce.number().int().positive().optional(),
  goldenSet: z.string().min(1).optional(),
  judges: z.string().min(1).optional(),
  out: z.string().min(1).default('reports'),
  json: z.boolean().default(false),
  progress: z.boolean().default(true),
  judgeRuntime: RuntimeNameSchema.optional(),
  judgeModel: z.string().min(1).optional(),
  judgeBaseUrl: z.url().optional(),
  judgeSamples: z.coerce.number().int().min(1).max(15).optional(),
  scorers: z.string().min(1).optional(),
});
export type EvalOptions = z.infer<typeof EvalOptionsSchema>;

/** Validates the flags; a bad one is a usage error (exit 2) that names the flag. */
export function parseEvalOptions(raw: Record<string, unknown>): EvalOptions {
  const parsed = EvalOptionsSchema.safeParse(raw);
  if (parsed.success) {
    const options = parsed.data;
    if (options.failOnRegression && !options.baseline) {
      throw new UserInputError('--fail-on-regression needs --baseline <results.json> to compare with.', {
        exitCode: 2,
      });
    }
    if (options.dryRun && options.rescore) {
      throw new UserInputError('--dry-run and --rescore do not go together.', {
        hint: 'Pick one.',
        exitCode: 2,
      });
    }
    return options;
  }
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`;
  });
  throw new UserInputError(`Bad eval option: ${lines.join('; ')}`, {
    hint: 'Run kavak eval --help for the options.',
    exitCode: 2,
  });
}
