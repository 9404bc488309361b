import { KavakError } from '../support/errors.js';

/**
 * The database cannot be used right now (closed, unreachable, locked, refusing the login). A
 * KavakError, so the CLI prints the message and the hint; serve treats it like any failed
 * attempt and retries the message later.
 */
export class StoreUnavailableError extends KavakError {
  readonly isRetryable = true;
}

/** The database's schema is newer than this kavak knows: never write to it. */
export class SchemaTooNewError extends KavakError {}
