import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserInputError } from '../../support/errors.js';
import { RunResultSchema, type RunResult } from '../results/schema.js';

/** Reads a results.json written by `kavak eval` (for --baseline and --rescore). */
export function loadRunResult(file: string, flag: string): RunResult {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UserInputError(`${flag} ${path}: ${reason}.`, {
      hint: `Point ${flag} at a results.json from an earlier run, e.g. reports/latest/results.json.`,
      exitCode: 2,
    });
  }
  const parsed = RunResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(
      `${flag} ${path} is not a kavak results.json: "${issue?.path.join('.') ?? ''}" ${issue?.message ?? ''}.`,
      {
        hint: 'It may come from an older kavak: run the eval again to get a fresh results.json.',
        exitCode: 2,
      },
    );
  }
  return parsed.data;
}
