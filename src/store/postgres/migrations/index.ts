import { migrationList } from '../../migration.js';
import { CONVERSATIONS } from './0001-conversations.js';
import { INBOUND_MESSAGES } from './0002-inbound-messages.js';
import { MODEL_RATE_LIMIT } from './0003-model-rate-limit.js';
import { TRACE_TEXTS } from './0004-trace-texts.js';
import { REPLY_HANDOFFS } from './0005-reply-handoffs.js';
import { PENDING_JOBS } from './0006-pending-jobs.js';

/**
 * PostgreSQL schema migrations, applied in order by migratePostgres and recorded in the
 * kavak_migrations table. APPEND ONLY, one list for every PostgreSQL table kavak owns: add a file
 * beside this one and append it here with the next version. A released migration is never edited
 * or reordered, so every database moves forward the same way. Table names are unqualified, so a
 * `search_path` in the URL picks the schema. (The queue's scheduling lives in pg-boss's own
 * schema, which pg-boss migrates itself.)
 */
export const POSTGRES_MIGRATIONS = migrationList([
  { version: 1, name: 'conversations', sql: CONVERSATIONS },
  { version: 2, name: 'inbound_messages', sql: INBOUND_MESSAGES },
  { version: 3, name: 'model_rate_limit', sql: MODEL_RATE_LIMIT },
  { version: 4, name: 'trace_texts', sql: TRACE_TEXTS },
  { version: 5, name: 'reply_handoffs', sql: REPLY_HANDOFFS },
  { version: 6, name: 'pending_jobs', sql: PENDING_JOBS },
]);
