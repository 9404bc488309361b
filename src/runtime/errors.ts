import { KavakError } from '../support/errors.js';

/** A call to a model API failed. Carries what a caller needs to decide on a retry. */
export class ModelCallError extends KavakError {
  readonly isModelCallError = true;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly body: string | undefined;
  readonly isRetryable: boolean;
  readonly kind: 'timeout' | 'rate_limit' | 'server' | 'auth' | 'bad_request' | 'connection' | 'other';

  constructor(
    message: string,
    facts: {
      url?: string;
      status?: number;
      body?: string;
      kind: ModelCallError['kind'];
      isRetryable?: boolean;
      hint?: string;
      cause?: unknown;
    },
  ) {
    super(message, { hint: facts.hint ?? hintFor(facts.kind), cause: facts.cause });
    this.url = facts.url;
    this.status = facts.status;
    this.body = facts.body;
    this.kind = facts.kind;
    this.isRetryable = facts.isRetryable ?? isRetryableStatus(facts.status);
  }

  static override is(error: unknown): error is ModelCallError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { isModelCallError?: unknown }).isModelCallError === true
    );
  }
}

export function isRetryableStatus(status: number | undefined): boolean {
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

function hintFor(kind: ModelCallError['kind']): string {
  switch (kind) {
    case 'auth':
      return 'Check OPENAI_API_KEY (or the key your OpenAI-compatible server expects).';
    case 'rate_limit':
      return 'The model is rate limited: wait and retry, or lower the concurrency (-j).';
    case 'timeout':
      return 'The model did not answer in time: raise timeoutMs in kavak.config.json or try again.';
    case 'connection':
      return 'Could not reach the model server: check --base-url and that the server is running.';
    case 'server':
      return 'The model server failed: try again later.';
    default:
      return 'Run with --runtime offline to work without a model.';
  }
}

/** The task cannot be handled by this runtime (e.g. judging on the offline runtime). */
export class UnsupportedTaskError extends KavakError {
  readonly isUnsupportedTask = true;
  constructor(
    readonly runtimeId: string,
    readonly task: string,
  ) {
    super(`The ${runtimeId} runtime cannot run the "${task}" task.`, {
      hint: 'Use --runtime openai (or a judge runtime in kavak.config.json) for this task.',
    });
  }
  static override is(error: unknown): error is UnsupportedTaskError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { isUnsupportedTask?: unknown }).isUnsupportedTask === true
    );
  }
}

/** Replay found no recording for a call. */
export class ReplayMissError extends KavakError {
  constructor(
    readonly task: string,
    readonly key: string,
    hint: string,
  ) {
    super(
      `No recording for the "${task}" task (key ${key.slice(0, 12)}): its prompt or parameters changed.`,
      {
        hint,
      },
    );
  }
}
