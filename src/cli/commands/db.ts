import { existsSync } from 'node:fs';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { openStores, storeKindOf, type Stores } from '../../app/stores.js';
import type { MigrationStatus } from '../../store/migration.js';
import { SchemaTooNewError } from '../../store/store-errors.js';

export interface DbCommandIo {
  stdout: Pick<NodeJS.WriteStream, 'write'>;
}

/** `kavak db migrate`: applies what is pending and says which versions it applied. */
export async function dbMigrateCommand(options: GlobalFlags, io: DbCommandIo = process): Promise<void> {
  await withStores(options, async (stores) => {
    const applied = await stores.migrate();
    const { current, latest } = await stores.migrationStatus();
    io.stdout.write(`${describeDatabase(stores)}\n`);
    io.stdout.write(
      applied.length === 0
        ? `Up to date: schema version ${current} of ${latest}; nothing to apply.\n`
        : `Applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; schema version ${current} of ${latest}.\n`,
    );
  });
}

/** `kavak db status`: the database's version, this kavak's newest, and the pending migrations. */
export async function dbStatusCommand(options: GlobalFlags, io: DbCommandIo = process): Promise<void> {
  const location = loadConfig(options).db;
  if (storeKindOf(location) === 'sqlite' && location !== ':memory:' && !existsSync(location)) {
    // Opening it would create it: report instead, and leave the disk as it is.
    io.stdout.write(
      `Database: ${location} (SQLite)\nNo database file yet: kavak creates it on first use (or run kavak db migrate).\n`,
    );
    return;
  }
  await withStores(options, async (stores) => {
    const status = await stores.migrationStatus();
    io.stdout.write(`${describeDatabase(stores)}\n${describeStatus(status)}\n`);
    if (status.current > status.latest) {
      throw new SchemaTooNewError(
        `The database is at schema ${status.current}, newer than this kavak knows.`,
        {
          hint: 'Upgrade kavak (every replica), or point KAVAK_DB (or --db) at another database.',
        },
      );
    }
  });
}

async function withStores(options: GlobalFlags, work: (stores: Stores) => Promise<void>): Promise<void> {
  const stores = await openStores(loadConfig(options).db, { migrate: false });
  try {
    await work(stores);
  } finally {
    await stores.close();
  }
}

/** The path, or the URL with its password masked (stores.location never holds one). */
function describeDatabase(stores: Stores): string {
  return `Database: ${stores.location} (${stores.storage.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
}

function describeStatus({ current, latest, pending }: MigrationStatus): string {
  if (current > latest) return `Schema version ${current}; this kavak knows up to ${latest}.`;
  if (pending.length === 0) return `Schema version ${current} of ${latest}: up to date.`;
  const names = pending.map((m) => `${m.version} ${m.name}`).join(', ');
  return `Schema version ${current} of ${latest}; pending: ${names} (run kavak db migrate).`;
}
