import { migrationList } from '../../migration.js';
import { CONVERSATIONS } from './0001-conversations.js';

/**
 * PostgreSQL schema migrations, applied in order by migratePostgres and recorded in the
 * kavak_migrations table. APPEND ONLY, one list for every PostgreSQL table kavak owns (the
 * inbound queue's too: add a file beside this one and append it here with the next version):
 * a released migration is never edited or reordered, so every database moves forward the same
 * way. Table names are unqualified, so a `search_path` in the URL picks the schema.
 */
export const POSTGRES_MIGRATIONS = migrationList([{ version: 1, name: 'conversations', sql: CONVERSATIONS }]);
