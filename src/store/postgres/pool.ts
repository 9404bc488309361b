import pg from 'pg';
import type { Logger } from '../../support/logger.js';
import { StoreUnavailableError } from '../store-errors.js';
import { maskPostgresUrl } from './url.js';

/**
 * What every kavak connection to PostgreSQL carries, so that nothing waits for ever: not on a
 * lock an outside session holds (LOCK TABLE, a long migration), not on a server that went away.
 * A query parameter of the URL overrides a server-side one, as pg reads the URL last
 * (postgres://…/kavak?statement_timeout=60000&idle_in_transaction_session_timeout=0).
 */
export const POSTGRES_CONNECTION_DEFAULTS = {
  // Connecting, or waiting for a free client of a full pool, fails in seconds instead of hanging.
  connectionTimeoutMillis: 5_000,
  // A statement stuck behind a lock ends with an error (retried) rather than holding its client.
  statement_timeout: 30_000,
  // A transaction left open by a stalled process gives its locks back.
  idle_in_transaction_session_timeout: 60_000,
  // A server that vanished without closing the socket (a failover, a cut cable) is noticed.
  keepAlive: true,
  application_name: 'kavak',
} as const;

/**
 * A pool's client that always has an 'error' listener. pg-pool takes its own idle listener off a
 * client when it hands it out, and hands a new client out from inside the socket handler that read
 * its ReadyForQuery: when the server's FATAL (a restart's 57P01 "terminating connection due to
 * administrator command") arrives in the same packet, 'error' fires before `await pool.connect()`
 * resumes to attach the caller's listener, and an 'error' nobody hears ends the process. The error
 * is not lost: the client is no longer queryable, so its next query fails and whoever holds it
 * discards it (inTransaction releases it as broken).
 */
class ListenedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Pool options for `url` with kavak's timeouts (see POSTGRES_CONNECTION_DEFAULTS). */
export function postgresPoolConfig(url: string, max?: number): pg.PoolConfig {
  return {
    ...POSTGRES_CONNECTION_DEFAULTS,
    connectionString: url,
    Client: ListenedClient,
    ...(max === undefined ? {} : { max }),
  };
}

/**
 * A pool with kavak's timeouts. Opening it connects to nothing yet: the first query does, and
 * fails with `postgresError`'s message. One per process serves the conversations; the queue and
 * the shared rate limit have their own (sized for their work).
 */
export function openPostgresPool(url: string, logger: Logger, max?: number): pg.Pool {
  const pool = new pg.Pool(postgresPoolConfig(url, max));
  // An idle connection dropped by the server (a restart, a failover) is reported here; with no
  // listener Node would end the process. The pool replaces the connection on the next query.
  pool.on('error', (error) => logger.warn('postgres_idle_connection_lost', { error: error.message }));
  return pool;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * The driver's error as one that says what to do, when it is about reaching or using the server
 * (its state, not a bug in kavak's SQL); other errors pass through unchanged.
 */
export function postgresError(error: unknown, location: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const where = maskPostgresUrl(location);
  const unavailable = (message: string, hint: string) =>
    new StoreUnavailableError(message, { hint, cause: error });
  if (/after calling end on the pool/i.test(error.message))
    return unavailable(
      `The PostgreSQL connection pool for ${where} is closed.`,
      'kavak was shutting down; run the command again (or restart kavak serve).',
    );
  if (code === '28P01' || code === '28000')
    return unavailable(
      `PostgreSQL at ${where} refused the login: ${error.message}.`,
      'Check the user and password in KAVAK_DB (or --db), e.g. postgres://user:password@host:5432/kavak.',
    );
  if (code === '3D000')
    return unavailable(
      `PostgreSQL at ${where}: ${error.message}.`,
      'Create the database first (createdb <name>), or fix its name in KAVAK_DB (or --db).',
    );
  if (code === '55P03' || code === '57014')
    return unavailable(
      `PostgreSQL at ${where} is busy: ${error.message} (a lock held by another session, or an overloaded server).`,
      'It is retried; if it lasts, look for the session holding the lock (pg_locks, pg_stat_activity) and end it.',
    );
  if (
    (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|57P0|53300)/.test(code))) ||
    /connection terminated|timeout exceeded when trying to connect/i.test(error.message)
  )
    return unavailable(
      `Cannot reach PostgreSQL at ${where}: ${error.message || String(code)}.`,
      'Check that the server is running and accepts connections, and that KAVAK_DB (or --db) names it (postgres://user@host:5432/kavak).',
    );
  return error;
}

/** A client from the pool; a failure to connect comes back as `postgresError`'s message. */
export async function connect(pool: pg.Pool, location: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw postgresError(error, location);
  }
}

/** Opens `count` connections of `pool` at once and gives them back, so its first users find them open. */
export async function openConnections(pool: pg.Pool, count: number, location: string): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => connect(pool, location)));
  for (const client of clients) client.release();
}

/**
 * Runs `work` in one transaction on one client: committed when it resolves, rolled back when it
 * throws. A client whose rollback fails (its connection died) is discarded, not reused.
 * `timeoutMs` bounds each statement and each lock wait of this transaction alone (the webhook's
 * ack, which must answer 5xx in time for the channel to retry, rather than wait). `beforeCommit`,
 * a statement without parameters, is sent with the COMMIT in one round trip.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  location: string,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { timeoutMs?: number; beforeCommit?: string } = {},
): Promise<T> {
  const client = await connect(pool, location);
  let broken: Error | undefined;
  // Between two statements a checked-out client has no listener of the pool's: a server that
  // goes away then would be an unhandled 'error' event, which ends the process.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    const timeout = options.timeoutMs === undefined ? 0 : Math.max(1, Math.round(options.timeoutMs));
    await client.query(
      timeout
        ? `BEGIN; SET LOCAL lock_timeout = ${timeout}; SET LOCAL statement_timeout = ${timeout}`
        : 'BEGIN',
    );
    const result = await work(client);
    await client.query(options.beforeCommit ? `${options.beforeCommit}; COMMIT` : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw postgresError(error, location);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
