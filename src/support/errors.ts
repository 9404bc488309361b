/**
 * Errors a user can act on. The CLI's error boundary prints `message` and `hint`
 * and exits with `exitCode`; nothing deeper calls process.exit.
 */
export class KavakError extends Error {
  readonly isKavakError = true;
  constructor(
    message: string,
    readonly options: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
  }
  get hint(): string | undefined {
    return this.options.hint;
  }
  get exitCode(): number {
    return this.options.exitCode ?? 1;
  }
  static is(error: unknown): error is KavakError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { isKavakError?: unknown }).isKavakError === true
    );
  }
}

/** Bad input from the user: a flag, a file, a message. */
export class UserInputError extends KavakError {}

/** kavak.config.json, env vars or flags that do not validate. */
export class ConfigError extends KavakError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: 2, ...options });
  }
}
