import { z } from 'zod';

/** One schema change. `version` counts from 1 with no gaps; a released migration is never edited. */
export const MigrationSchema = z.object({
  version: z.number().int().positive(),
  name: z.string().regex(/^[a-z0-9_]+$/, 'lower-case words joined by _'),
  sql: z.string().min(1),
});
export type Migration = z.infer<typeof MigrationSchema>;

/** What `kavak db status` shows and `kavak db migrate` reports, for either adapter. */
export interface MigrationStatus {
  /** The version the database is at (0: empty). */
  current: number;
  /** The newest version this kavak knows. */
  latest: number;
  /** Known migrations the database has not had yet, oldest first. */
  pending: Pick<Migration, 'version' | 'name'>[];
}

/**
 * Checks a migration list once, where it is declared: versions 1, 2, 3 … in order, so an
 * appended migration with a wrong number fails every test instead of skipping a database.
 */
export function migrationList(migrations: Migration[]): readonly Migration[] {
  migrations.forEach((migration, index) => {
    MigrationSchema.parse(migration);
    if (migration.version !== index + 1)
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; it must be ${index + 1} (append only, no gaps).`,
      );
  });
  return Object.freeze([...migrations]);
}

export function migrationStatus(current: number, migrations: readonly Migration[]): MigrationStatus {
  return {
    current,
    latest: migrations.length,
    pending: migrations.filter((m) => m.version > current).map(({ version, name }) => ({ version, name })),
  };
}
