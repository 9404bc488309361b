import { KavakError } from '../../support/errors.js';

/** Exit code for "the run itself failed": bad golden set, bad flags, no runtime. */
export const RUN_FAILED = 2;

/** The eval could not run (as opposed to: it ran and fell below a gate). */
export class EvalRunError extends KavakError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: RUN_FAILED });
  }
}

/**
 * Runs the eval's set-up and loop; any user-facing error out of it means the run itself failed,
 * so it leaves with exit code 2 whatever code the error carried (a missing prompt file is a
 * plain UserInputError, exit 1, elsewhere).
 */
export async function asRunFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (KavakError.is(error) && error.exitCode !== RUN_FAILED) {
      throw new EvalRunError(error.message, { hint: error.hint, cause: error });
    }
    throw error;
  }
}
