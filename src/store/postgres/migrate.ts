import type pg from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations/index.js';

/** An arbitrary constant: replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 7_301_911;

/** Applies the migrations not yet recorded, each in its own transaction, under an advisory lock. */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS kavak_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM kavak_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known)
      throw new Error(`The database was migrated by a newer kavak (schema ${newest}); upgrade kavak.`);
    let count = 0;
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO kavak_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      count += 1;
    }
    return count;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
