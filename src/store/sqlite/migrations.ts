import { migrationList } from '../migration.js';

/**
 * SQLite schema migrations, applied in order by openDatabase and recorded in PRAGMA user_version
 * (version n = the first n entries). APPEND ONLY, one list for every SQLite table (conversations
 * and the inbound queue alike): a released migration is never edited or reordered, so every
 * database file moves forward the same way. Another adapter's tables append here too.
 */
export const SQLITE_MIGRATIONS = migrationList([
  {
    version: 1,
    name: 'conversations',
    sql: `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     profile TEXT NOT NULL
   );
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('customer', 'agent')),
     text TEXT NOT NULL,
     tracking_id TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
   CREATE TABLE turns (
     tracking_id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     trace TEXT NOT NULL
   );
   CREATE INDEX turns_by_conversation ON turns(conversation_id, created_at);
   CREATE TABLE leads (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     tracking_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     action TEXT NOT NULL,
     name TEXT,
     stock_id TEXT,
     city TEXT,
     branch TEXT,
     preferred_time TEXT
   );`,
  },
  // kavak serve: inbound WhatsApp messages, the durable queue behind the webhook.
  {
    version: 2,
    name: 'inbound_messages',
    sql: `CREATE TABLE inbound_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     message_sid TEXT NOT NULL UNIQUE,
     tracking_id TEXT NOT NULL UNIQUE,
     conversation_id TEXT NOT NULL,
     customer TEXT NOT NULL,
     to_address TEXT NOT NULL,
     body TEXT NOT NULL,
     raw TEXT NOT NULL,
     received_at TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'replied', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     reply TEXT,
     reply_parts TEXT,
     reply_kind TEXT CHECK (reply_kind IN ('answer', 'notice', 'fallback')),
     reply_sids TEXT NOT NULL DEFAULT '[]',
     delivery TEXT CHECK (delivery IN ('rest', 'twiml')),
     error TEXT,
     updated_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE INDEX inbound_messages_pending ON inbound_messages(conversation_id, id)
     WHERE status IN ('received', 'processing');`,
  },
  // Counts by status kept by triggers, so a /metrics scrape reads four rows instead of the table.
  {
    version: 3,
    name: 'inbound_status_counts',
    sql: `CREATE TABLE inbound_status_counts (
     status TEXT PRIMARY KEY,
     n INTEGER NOT NULL
   ) WITHOUT ROWID;
   INSERT INTO inbound_status_counts (status, n)
     VALUES ('received', 0), ('processing', 0), ('replied', 0), ('failed', 0);
   UPDATE inbound_status_counts
     SET n = (SELECT COUNT(*) FROM inbound_messages m WHERE m.status = inbound_status_counts.status);
   CREATE TRIGGER inbound_status_counts_insert AFTER INSERT ON inbound_messages BEGIN
     UPDATE inbound_status_counts SET n = n + 1 WHERE status = NEW.status;
   END;
   CREATE TRIGGER inbound_status_counts_delete AFTER DELETE ON inbound_messages BEGIN
     UPDATE inbound_status_counts SET n = n - 1 WHERE status = OLD.status;
   END;
   CREATE TRIGGER inbound_status_counts_update AFTER UPDATE OF status ON inbound_messages
     WHEN OLD.status <> NEW.status BEGIN
     UPDATE inbound_status_counts SET n = n - 1 WHERE status = OLD.status;
     UPDATE inbound_status_counts SET n = n + 1 WHERE status = NEW.status;
   END;`,
  },
  // The sweep (every few seconds) and the lookup before a re-send must not scan the table.
  {
    version: 4,
    name: 'inbound_messages_indexes',
    sql: `CREATE INDEX IF NOT EXISTS inbound_messages_processing ON inbound_messages(id) WHERE status = 'processing';
   CREATE INDEX IF NOT EXISTS inbound_messages_by_conversation ON inbound_messages(conversation_id, id);`,
  },
  // The inbound queue behind its port: channel-neutral columns (channel, external_id, payload,
  // sent_part_ids) and leases, so an expired claim is recovered without requeueing live work.
  {
    version: 5,
    name: 'inbound_queue_port',
    sql: `ALTER TABLE inbound_messages RENAME TO inbound_messages_v1;
   CREATE TABLE inbound_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     channel TEXT NOT NULL,
     external_id TEXT NOT NULL,
     tracking_id TEXT NOT NULL UNIQUE,
     conversation_id TEXT NOT NULL,
     from_address TEXT NOT NULL,
     to_address TEXT NOT NULL,
     body TEXT NOT NULL,
     payload TEXT NOT NULL,
     received_at TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'replied', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     lease_owner TEXT,
     lease_expires_at TEXT,
     reply TEXT,
     reply_parts TEXT,
     reply_kind TEXT CHECK (reply_kind IN ('answer', 'notice', 'fallback')),
     sent_part_ids TEXT NOT NULL DEFAULT '[]',
     delivery TEXT CHECK (delivery IN ('inline', 'push')),
     error TEXT,
     updated_at TEXT NOT NULL,
     finished_at TEXT,
     UNIQUE (channel, external_id)
   );
   INSERT INTO inbound_messages
     (id, channel, external_id, tracking_id, conversation_id, from_address, to_address, body, payload,
      received_at, status, attempts, next_attempt_at, reply, reply_parts, reply_kind, sent_part_ids,
      delivery, error, updated_at, finished_at)
   SELECT id, 'whatsapp', message_sid, tracking_id, conversation_id, customer, to_address, body, raw,
      received_at, status, attempts, next_attempt_at, reply, reply_parts, reply_kind, reply_sids,
      CASE delivery WHEN 'twiml' THEN 'inline' WHEN 'rest' THEN 'push' END, error, updated_at, finished_at
   FROM inbound_messages_v1;
   DROP TABLE inbound_messages_v1;
   CREATE INDEX inbound_queue_pending ON inbound_messages(conversation_id, id)
     WHERE status IN ('received', 'processing');
   CREATE INDEX inbound_queue_by_conversation ON inbound_messages(conversation_id, id);
   CREATE INDEX inbound_queue_leases ON inbound_messages(lease_owner) WHERE status = 'processing';
   UPDATE inbound_status_counts
     SET n = (SELECT COUNT(*) FROM inbound_messages m WHERE m.status = inbound_status_counts.status);
   CREATE TRIGGER inbound_status_counts_insert AFTER INSERT ON inbound_messages BEGIN
     UPDATE inbound_status_counts SET n = n + 1 WHERE status = NEW.status;
   END;
   CREATE TRIGGER inbound_status_counts_delete AFTER DELETE ON inbound_messages BEGIN
     UPDATE inbound_status_counts SET n = n - 1 WHERE status = OLD.status;
   END;
   CREATE TRIGGER inbound_status_counts_update AFTER UPDATE OF status ON inbound_messages
     WHEN OLD.status <> NEW.status BEGIN
     UPDATE inbound_status_counts SET n = n - 1 WHERE status = OLD.status;
     UPDATE inbound_status_counts SET n = n + 1 WHERE status = NEW.status;
   END;`,
  },
  // Turn traces keep each long model-call text (a rendered prompt: the same on every turn) once,
  // here, and refer to it by hash (src/store/trace-texts.ts). Older rows keep their texts inline.
  {
    version: 6,
    name: 'trace_texts',
    sql: `CREATE TABLE IF NOT EXISTS trace_texts (
     hash TEXT PRIMARY KEY,
     text TEXT NOT NULL
   ) WITHOUT ROWID;`,
  },
  // A claim walks the unfinished messages in due order and stops at its limit, instead of
  // grouping the whole backlog by conversation on every claim (ms per claim at a few thousand).
  {
    version: 7,
    name: 'inbound_queue_due',
    sql: `CREATE INDEX IF NOT EXISTS inbound_queue_due ON inbound_messages(next_attempt_at, id)
     WHERE status IN ('received', 'processing');`,
  },
]);
