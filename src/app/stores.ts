import type { Pool } from 'pg';
import { z } from 'zod';
import type { ConversationStore } from '../core/ports/conversations.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { MigrationStatus } from '../store/migration.js';
import { migrateSqlite, openDatabase, sqliteMigrationStatus, type Db } from '../store/sqlite/database.js';
import { SqliteConversationStore } from '../store/sqlite/conversation-store.js';
import { MemoryConversationStore } from '../store/memory/conversation-store.js';
import { isPostgresUrl, maskPostgresUrl } from '../store/postgres/url.js';

export const StoreKindSchema = z.enum(['sqlite', 'postgres']);
export type StoreKind = z.infer<typeof StoreKindSchema>;

/**
 * The database handle the stores were opened on, for adapters of other ports (the inbound
 * queue) to build on the same connection: SQLite is one synchronous handle per process, so a
 * second one on the file would only contend for its lock; PostgreSQL is one pool per process.
 * The registry owns it: `Stores.close()` closes it, nobody else does. `memory` has no database:
 * eval's throwaway conversations (openMemoryStores), which nothing else may build on.
 */
export type Storage = { kind: 'sqlite'; db: Db } | { kind: 'postgres'; pool: Pool } | { kind: 'memory' };

export interface Stores {
  conversations: ConversationStore;
  storage: Storage;
  /** The database as it may be shown: a path, or a URL with the password masked. */
  location: string;
  migrationStatus(): Promise<MigrationStatus>;
  /** Applies pending migrations; returns the versions applied (none when up to date). */
  migrate(): Promise<number[]>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Bring the schema up to date on open (default true; `kavak db status` opens without). */
  migrate?: boolean;
  logger?: Logger;
}

/** Every store a `--db` value can name; a new StoreKind without its opener fails to compile. */
const STORES: Record<StoreKind, (location: string, options: StoreOptions) => Promise<Stores>> = {
  sqlite: (path, options) =>
    settled(() => {
      const db = openDatabase(path, { migrate: options.migrate });
      return {
        conversations: new SqliteConversationStore(db),
        storage: { kind: 'sqlite', db },
        location: path,
        migrationStatus: () => settled(() => sqliteMigrationStatus(db)),
        migrate: () => settled(() => migrateSqlite(db)),
        close: () =>
          settled(() => {
            if (db.open) db.close();
          }),
      };
    }),
  postgres: async (url, options) => {
    // Loaded only for a postgres:// URL: the pg client is start-up time SQLite users never need.
    const [
      { openPostgresPool },
      { migratePostgres, postgresMigrationStatus },
      { PostgresConversationStore },
    ] = await Promise.all([
      import('../store/postgres/pool.js'),
      import('../store/postgres/migrate.js'),
      import('../store/postgres/conversation-store.js'),
    ]);
    const pool = openPostgresPool(url, options.logger ?? silentLogger);
    const location = maskPostgresUrl(url);
    try {
      if (options.migrate ?? true) await migratePostgres(pool, location);
    } catch (error) {
      await pool.end();
      throw error;
    }
    let ended: Promise<void> | undefined;
    return {
      conversations: new PostgresConversationStore(pool, location),
      storage: { kind: 'postgres', pool },
      location,
      migrationStatus: () => postgresMigrationStatus(pool, location),
      migrate: () => migratePostgres(pool, location),
      close: () => (ended ??= pool.end()),
    };
  },
};

/** `work` run now, its result or its throw as a promise (for the synchronous SQLite calls). */
function settled<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** postgres:// or postgresql:// → PostgreSQL; `:memory:` or a file path → SQLite. */
export function storeKindOf(location: string): StoreKind {
  return isPostgresUrl(location) ? 'postgres' : 'sqlite';
}

/** Opens the stores `--db` / KAVAK_DB names (config.db, already resolved by loadConfig). */
export function openStores(location: string, options: StoreOptions = {}): Promise<Stores> {
  return STORES[storeKindOf(location)](location, options);
}

/** Conversations kept in this process only, never on a database: eval's throwaway cases. */
export function openMemoryStores(): Stores {
  const conversations = new MemoryConversationStore();
  return {
    conversations,
    storage: { kind: 'memory' },
    location: 'memory',
    migrationStatus: () => Promise.resolve({ current: 0, latest: 0, pending: [] }),
    migrate: () => Promise.resolve([]),
    close: () => Promise.resolve(conversations.close()),
  };
}
