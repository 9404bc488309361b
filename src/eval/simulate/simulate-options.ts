import { z } from 'zod';
import { RuntimeNameSchema } from '../../app/config/schema.js';
import { UserInputError } from '../../support/errors.js';

const Ids = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .optional();

/** The `kavak eval simulate` flags as commander hands them over (strings), validated and typed. */
export const SimulateOptionsSchema = z.object({
  persona: Ids,
  personas: z.string().min(1).optional(),
  maxTurns: z.coerce.number().int().min(1).max(30).optional(),
  runs: z.coerce.number().int().min(1).max(50).default(1),
  seed: z.coerce.number().int().min(0).default(1),
  concurrency: z.coerce.number().int().min(1).max(64).optional(),
  maxCost: z.coerce.number().positive().optional(),
  minPassRate: z.coerce.number().min(0).max(1).optional(),
  rpm: z.coerce.number().int().positive().optional(),
  caseTimeout: z.coerce.number().int().positive().optional(),
  customerRuntime: RuntimeNameSchema.optional(),
  customerModel: z.string().min(1).optional(),
  customerBaseUrl: z.url().optional(),
  judges: z.string().min(1).optional(),
  scorers: z.string().min(1).optional(),
  judgeRuntime: RuntimeNameSchema.optional(),
  judgeModel: z.string().min(1).optional(),
  judgeBaseUrl: z.url().optional(),
  judgeSamples: z.coerce.number().int().min(1).max(15).optional(),
  out: z.string().min(1).default('reports'),
  json: z.boolean().default(false),
  progress: z.boolean().default(true),
  saveCase: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
});
export type SimulateOptions = z.infer<typeof SimulateOptionsSchema>;

/** Validates the flags; a bad one is a usage error (exit 2) that names the flag. */
export function parseSimulateOptions(raw: Record<string, unknown>): SimulateOptions {
  const parsed = SimulateOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`;
    });
    throw new UserInputError(`Bad simulate option: ${lines.join('; ')}`, {
      hint: 'Run kavak eval simulate --help for the options.',
      exitCode: 2,
    });
  }
  const options = parsed.data;
  if ((options.saveCase === undefined) !== (options.to === undefined)) {
    throw new UserInputError('--save-case and --to go together.', {
      hint: 'kavak eval simulate --save-case reports/latest/<case-id> --to golden-set/<file>.yaml',
      exitCode: 2,
    });
  }
  if (options.id !== undefined && options.saveCase === undefined) {
    throw new UserInputError('--id names the saved case: it goes with --save-case.', { exitCode: 2 });
  }
  return options;
}
