import type pg from 'pg';
import { z } from 'zod';
import { migrationStatus, type Migration, type MigrationStatus } from '../migration.js';
import { SchemaTooNewError } from '../store-errors.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { connect, postgresError } from './pool.js';

/**
 * Key of the session-level advisory lock held while migrating: replicas starting at once queue
 * on it, so the first migrates and the others find nothing left to do. Any fixed bigint works;
 * this one spells "kavak" in ASCII.
 */
const MIGRATION_LOCK = 0x6b6176616b;

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS kavak_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

const LedgerRow = z.object({ version: z.number().int(), name: z.string() });

/** Where the database stands; reads only (an empty database is at version 0). */
export async function postgresMigrationStatus(
  pool: pg.Pool,
  location: string,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationStatus> {
  try {
    const ledger = await appliedMigrations(pool);
    return migrationStatus(Math.max(0, ...ledger.map((m) => m.version)), migrations);
  } catch (error) {
    throw postgresError(error, location);
  }
}

/**
 * Applies the pending migrations, each in its own transaction and recorded in kavak_migrations,
 * under an advisory lock; returns the versions applied. Refuses a database a newer kavak
 * migrated, or one whose history differs from this kavak's (a migration of the same number
 * with another name).
 */
export async function migratePostgres(
  pool: pg.Pool,
  location: string,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const client = await connect(pool, location);
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(CREATE_LEDGER);
      const ledger = await appliedMigrations(client);
      refuseForeignHistory(ledger, migrations, location);
      const applied: number[] = [];
      const current = Math.max(0, ...ledger.map((m) => m.version));
      for (const migration of migrations.filter((m) => m.version > current)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO kavak_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(
            `PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
            { cause: error },
          );
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    if (error instanceof Error && !(error instanceof SchemaTooNewError)) broken = error;
    throw postgresError(error, location);
  } finally {
    // A client that failed mid-migration may hold a lock or an open transaction: discard it.
    client.release(broken);
  }
}

async function appliedMigrations(
  db: pg.Pool | pg.PoolClient,
): Promise<Pick<Migration, 'version' | 'name'>[]> {
  const exists = await db.query<{ ledger: string | null }>(
    `SELECT to_regclass('kavak_migrations')::text AS ledger`,
  );
  if (exists.rows[0]?.ledger == null) return [];
  const rows = await db.query('SELECT version, name FROM kavak_migrations ORDER BY version');
  return rows.rows.map((row) => LedgerRow.parse(row));
}

function refuseForeignHistory(
  ledger: Pick<Migration, 'version' | 'name'>[],
  migrations: readonly Migration[],
  location: string,
): void {
  const latest = migrations.length;
  const newest = Math.max(0, ...ledger.map((m) => m.version));
  if (newest > latest) {
    throw new SchemaTooNewError(
      `The PostgreSQL database at ${location} was migrated by a newer kavak (schema ${newest}; this kavak knows up to ${latest}).`,
      { hint: 'Upgrade kavak (every replica), or point KAVAK_DB (or --db) at another database.' },
    );
  }
  for (const applied of ledger) {
    const known = migrations[applied.version - 1];
    if (known && known.name !== applied.name) {
      throw new SchemaTooNewError(
        `The PostgreSQL database at ${location} has migration ${applied.version} "${applied.name}", but this kavak's is "${known.name}".`,
        {
          hint: 'The database was migrated by another build of kavak: run that build, or use another database.',
        },
      );
    }
  }
}
