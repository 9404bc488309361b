import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KavakError, UserInputError } from '../../support/errors.js';
import { migrationStatus, type MigrationStatus } from '../migration.js';
import { SchemaTooNewError, StoreUnavailableError } from '../store-errors.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;
/**
 * The shorter wait of the webhook's ack and a worker's poll (see withBusyTimeout): long enough
 * for another writer's ordinary transaction, short enough that /healthz barely notices.
 */
export const ACK_BUSY_TIMEOUT_MS = 250;

/**
 * Opens (creating when missing) the SQLite file and brings its schema up to date, so the
 * embedded default needs no set-up step. `migrate: false` opens it as it is, for `kavak db status`.
 */
export function openDatabase(path: string, options: { migrate?: boolean } = {}): Db {
  let db: Db;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new UserInputError(`Cannot open the database at ${path}: ${(error as Error).message}`, {
      hint: 'Set KAVAK_DB (or --db) to a writable file path.',
      cause: error,
    });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (options.migrate ?? true) migrateSqlite(db);
  } catch (error) {
    db.close();
    if (KavakError.is(error)) throw error;
    throw new UserInputError(`Cannot use the database at ${path}: ${(error as Error).message}`, {
      hint: 'If it is damaged, restore a backup or point KAVAK_DB (or --db) at another file; if another process holds a lock on it, let it finish first.',
      cause: error,
    });
  }
  return db;
}

export function sqliteMigrationStatus(db: Db): MigrationStatus {
  return migrationStatus(db.pragma('user_version', { simple: true }) as number, SQLITE_MIGRATIONS);
}

/** Applies the pending migrations, each in its own transaction; returns the versions applied. */
export function migrateSqlite(db: Db): number[] {
  const { current, latest, pending } = sqliteMigrationStatus(db);
  if (current > latest) {
    throw new SchemaTooNewError(
      `The database was written by a newer kavak (schema ${current}; this kavak knows up to ${latest}).`,
      { hint: 'Upgrade kavak, or point KAVAK_DB (or --db) at another file.' },
    );
  }
  for (const { version } of pending) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version - 1]!.sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return pending.map((m) => m.version);
}

const statementsByDb = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per database: better-sqlite3's `prepare` parses the SQL on
 * every call, which was ~7% of a serve worker's CPU. SQL strings are code constants, so the cache
 * stays small.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let statements = statementsByDb.get(db);
  if (!statements) {
    statements = new Map();
    statementsByDb.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** The busy timeout each connection was last set to (openDatabase sets BUSY_TIMEOUT_MS). */
const busyTimeouts = new WeakMap<Db, number>();

/**
 * Runs `work` under a busy timeout of `ms`. better-sqlite3 is synchronous: a statement waiting for
 * another process's lock (a backup, `sqlite3 … BEGIN EXCLUSIVE`) holds the whole event loop, so
 * /healthz and every other request wait with it. Paths that run often and may simply fail (the
 * webhook's ack answers 503 and the channel retries; a poll tries again) wait ACK_BUSY_TIMEOUT_MS;
 * writes that must not fail for a passing lock (a turn's) ask for BUSY_TIMEOUT_MS. The
 * connection keeps the timeout until a caller asks for another: setting it is a statement, and
 * two per ack were a third of the ack's SQLite time.
 */
export function withBusyTimeout<T>(db: Db, ms: number, work: () => T): T {
  const wanted = Math.max(0, Math.round(ms));
  if ((busyTimeouts.get(db) ?? BUSY_TIMEOUT_MS) !== wanted) {
    statement(db, `PRAGMA busy_timeout = ${wanted}`).get();
    busyTimeouts.set(db, wanted);
  }
  return work();
}

/** better-sqlite3's "closed" and "locked" as errors that say what to do; others unchanged. */
export function sqliteError(db: Db, error: unknown): Error {
  if (!db.open)
    return new StoreUnavailableError(`The SQLite database ${db.name} is closed.`, {
      hint: 'kavak was shutting down; run the command again (or restart kavak serve).',
      cause: error,
    });
  if ((error as { code?: unknown }).code === 'SQLITE_BUSY')
    return new StoreUnavailableError(`The SQLite database ${db.name} is locked by another process.`, {
      hint: 'Let the other process finish, or point KAVAK_DB (or --db) at another file.',
      cause: error,
    });
  return error instanceof Error ? error : new Error(String(error));
}
