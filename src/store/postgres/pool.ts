import pg from 'pg';
import type { Logger } from '../../support/logger.js';
import { StoreUnavailableError } from '../store-errors.js';
import { maskPostgresUrl } from './url.js';

/**
 * One pool per process for every PostgreSQL adapter (conversations, and the queue's). Opening
 * it connects to nothing yet: the first query does, and fails with `postgresError`'s message.
 */
export function openPostgresPool(url: string, logger: Logger, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    // An unreachable server fails a call in seconds instead of hanging it.
    connectionTimeoutMillis: 5_000,
    application_name: 'kavak',
  });
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

/**
 * Runs `work` in one transaction on one client: committed when it resolves, rolled back when it
 * throws. A client whose rollback fails (its connection died) is discarded, not reused.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  location: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await connect(pool, location);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw postgresError(error, location);
  } finally {
    client.release(broken);
  }
}
