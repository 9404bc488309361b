import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
} from 'openai';
import { isRetryableStatus, ModelCallError } from '../errors.js';

const MAX_BODY_CHARS = 500;

export interface ErrorContext {
  /** The endpoint that was called, e.g. http://127.0.0.1:11434/v1/chat/completions. */
  url: string;
  model: string;
  /** Scrubbed from every message and body: a 401 body may echo it. */
  apiKey: string;
}

/** Any SDK failure → ModelCallError with the facts a caller needs and a next step. Already-mapped errors pass through. */
export function mapOpenAIError(error: unknown, context: ErrorContext): ModelCallError {
  if (ModelCallError.is(error)) return error;
  const scrub = (text: string) => scrubSecret(text, context.apiKey);
  const where = `${context.model} at ${context.url}`;

  if (error instanceof APIConnectionTimeoutError) {
    return new ModelCallError(`The model call to ${where} timed out.`, {
      url: context.url,
      kind: 'timeout',
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof APIUserAbortError) {
    return new ModelCallError(`The model call to ${where} was cancelled.`, {
      url: context.url,
      kind: 'other',
      isRetryable: false,
      hint: 'The call was aborted by the caller (e.g. Ctrl-C); nothing to fix.',
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `: ${scrub(error.cause.message)}` : '';
    return new ModelCallError(`Could not connect to ${where}${reason}.`, {
      url: context.url,
      kind: 'connection',
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const body = truncate(scrub(error.error === undefined ? error.message : JSON.stringify(error.error)));
    // No `cause`: the SDK error's message is the unscrubbed server text, which may echo the key.
    const facts = { url: context.url, status, body };
    const message = `The model call to ${where} failed with HTTP ${status}: ${truncate(scrub(error.message), 200)}`;
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return new ModelCallError(message, { ...facts, kind: 'auth', isRetryable: false });
    }
    if (status === 429) {
      // A spent quota is a 429 too, but waiting will not help.
      return error.code === 'insufficient_quota'
        ? new ModelCallError(message, {
            ...facts,
            kind: 'rate_limit',
            isRetryable: false,
            hint: 'The account has no quota left: check billing at platform.openai.com, or use --runtime offline.',
          })
        : new ModelCallError(message, { ...facts, kind: 'rate_limit' });
    }
    if (status === 408) return new ModelCallError(message, { ...facts, kind: 'timeout' });
    if (status >= 500) return new ModelCallError(message, { ...facts, kind: 'server' });
    if (status === 404) {
      return new ModelCallError(message, {
        ...facts,
        kind: 'bad_request',
        hint: `Check the model name (${context.model}) and --base-url: the server does not know this model or path.`,
      });
    }
    if (status === 400 || status === 422) {
      return new ModelCallError(message, {
        ...facts,
        kind: 'bad_request',
        hint: 'The server rejected the request: check that the model exists and supports JSON-schema output, or use --runtime offline.',
      });
    }
    return new ModelCallError(message, { ...facts, kind: 'other', isRetryable: isRetryableStatus(status) });
  }
  if (isCutOffAnswer(error)) {
    return new ModelCallError(
      `The model at ${where} sent a cut-off answer: ${scrub((error as Error).message)}.`,
      { url: context.url, kind: 'server', isRetryable: true, cause: error },
    );
  }
  const detail = error instanceof Error ? scrub(error.message) : scrub(String(error));
  return new ModelCallError(`The model call to ${where} failed: ${detail}`, {
    url: context.url,
    kind: 'other',
    isRetryable: false,
    cause: error,
  });
}

/**
 * A 200 whose body is not whole: invalid JSON (the SDK's JSON.parse fails) or the connection
 * dropped while the body was read (undici's "terminated"). Asking again usually works.
 */
function isCutOffAnswer(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  return error instanceof TypeError && error.message === 'terminated';
}

/** Removes the key itself and anything shaped like an OpenAI key or bearer token. */
export function scrubSecret(text: string, apiKey: string): string {
  const withoutKey = apiKey.length >= 8 ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\b(sk-[A-Za-z0-9_*-]{8,}|Bearer\s+\S{8,})/g, '[redacted]');
}

function truncate(text: string, max = MAX_BODY_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more chars)` : text;
}
