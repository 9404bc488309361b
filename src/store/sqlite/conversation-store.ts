import { z } from 'zod';
import { emptyProfile, ProfileSchema, type Profile } from '../../core/profile.js';
import {
  StoredMessageSchema,
  TurnReplySchema,
  type Conversation,
  type ConversationStore,
  type Lead,
  type StoredMessage,
  type TurnReply,
  type TurnWrite,
} from '../../core/ports/conversations.js';
import { leadFromRow, LEAD_COLUMNS, storedProfile } from '../rows.js';
import { packTrace, textRefs, unpackTrace } from '../trace-texts.js';
import { BUSY_TIMEOUT_MS, sqliteError, statement, withBusyTimeout, type Db } from './database.js';

const ConversationRow = z.object({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  profile: z.string(),
});
const MessageRow = z.object({
  role: StoredMessageSchema.shape.role,
  text: z.string(),
  tracking_id: z.string(),
  created_at: z.string(),
});
const TraceRow = z.object({ trace: z.string() });
const TextRow = z.object({ text: z.string() });

/**
 * The conversation port on one SQLite file (better-sqlite3, synchronous underneath): each
 * method does its work at once and resolves, so a turn's writes are one SQLite transaction.
 * The Db is shared with the inbound queue and owned by the store registry, which closes it.
 */
export class SqliteConversationStore implements ConversationStore {
  /** Hashes of trace texts this store has written (or found): not inserted again. */
  private readonly storedTexts = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(id: string): Promise<Conversation | undefined> {
    return this.use(() => this.find(id));
  }

  getOrCreate(id: string): Promise<Conversation> {
    return this.write(() => this.findOrCreate(id));
  }

  history(id: string, limit: number): Promise<StoredMessage[]> {
    return this.use(() =>
      statement(
        this.db,
        `SELECT role, text, tracking_id, created_at FROM
           (SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)
         ORDER BY id ASC`,
      )
        .all(id, limit)
        .map((raw) => {
          const row = MessageRow.parse(raw);
          return { role: row.role, text: row.text, trackingId: row.tracking_id, createdAt: row.created_at };
        }),
    );
  }

  saveTurn(turn: TurnWrite): Promise<void> {
    return this.write(() => {
      const at = this.now().toISOString();
      const packed = packTrace(turn.trace);
      const newTexts = [...packed.texts].filter(([hash]) => !this.storedTexts.has(hash));
      this.db.transaction(() => {
        // Only makes sure the row exists: reading it back would parse a profile about to be replaced.
        statement(
          this.db,
          'INSERT OR IGNORE INTO conversations (id, created_at, updated_at, profile) VALUES (?, ?, ?, ?)',
        ).run(turn.conversationId, at, at, JSON.stringify(turn.profile));
        const insertMessage = statement(
          this.db,
          'INSERT INTO messages (conversation_id, role, text, tracking_id, created_at) VALUES (?, ?, ?, ?, ?)',
        );
        insertMessage.run(turn.conversationId, 'customer', turn.customerText, turn.trackingId, at);
        insertMessage.run(turn.conversationId, 'agent', turn.agentText, turn.trackingId, at);
        this.writeProfile(turn.conversationId, turn.profile, at);
        const insertText = statement(this.db, 'INSERT OR IGNORE INTO trace_texts (hash, text) VALUES (?, ?)');
        for (const [hash, text] of newTexts) insertText.run(hash, text);
        statement(
          this.db,
          'INSERT OR REPLACE INTO turns (tracking_id, conversation_id, created_at, trace) VALUES (?, ?, ?, ?)',
        ).run(turn.trackingId, turn.conversationId, at, JSON.stringify(packed.stored));
        const insertLead = statement(
          this.db,
          `INSERT INTO leads (conversation_id, tracking_id, created_at, action, name, stock_id, city, branch, preferred_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const lead of turn.leads) {
          insertLead.run(
            turn.conversationId,
            turn.trackingId,
            at,
            lead.action,
            lead.name,
            lead.stockId,
            lead.city,
            lead.branch,
            lead.preferredTime,
          );
        }
      })();
      // Only once committed: a rolled-back insert must be tried again next time.
      for (const [hash] of newTexts) this.storedTexts.add(hash);
    });
  }

  saveProfile(id: string, profile: Profile): Promise<void> {
    return this.write(() =>
      this.db.transaction(() => {
        this.findOrCreate(id);
        this.writeProfile(id, ProfileSchema.parse(profile), this.now().toISOString());
      })(),
    );
  }

  traces(conversationId: string): Promise<unknown[]> {
    return this.use(() =>
      statement(this.db, 'SELECT trace FROM turns WHERE conversation_id = ? ORDER BY created_at, rowid')
        .all(conversationId)
        .map((raw) => {
          const stored = JSON.parse(TraceRow.parse(raw).trace) as unknown;
          return unpackTrace(stored, this.texts(textRefs(stored)));
        }),
    );
  }

  leads(conversationId: string): Promise<Lead[]> {
    return this.use(() =>
      statement(this.db, `SELECT ${LEAD_COLUMNS} FROM leads WHERE conversation_id = ? ORDER BY id`)
        .all(conversationId)
        .map(leadFromRow),
    );
  }

  turnReply(trackingId: string): Promise<TurnReply | undefined> {
    return this.use(() => {
      const raw = statement(this.db, 'SELECT trace FROM turns WHERE tracking_id = ?').get(trackingId);
      if (raw === undefined) return undefined;
      const parsed = TurnReplySchema.safeParse(JSON.parse(TraceRow.parse(raw).trace));
      return parsed.success ? parsed.data : undefined;
    });
  }

  private find(id: string): Conversation | undefined {
    const raw = statement(
      this.db,
      'SELECT id, created_at, updated_at, profile FROM conversations WHERE id = ?',
    ).get(id);
    if (raw === undefined) return undefined;
    const row = ConversationRow.parse(raw);
    return {
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      profile: storedProfile(JSON.parse(row.profile)),
    };
  }

  private findOrCreate(id: string): Conversation {
    const existing = this.find(id);
    if (existing) return existing;
    const at = this.now().toISOString();
    const profile = emptyProfile();
    statement(
      this.db,
      'INSERT INTO conversations (id, created_at, updated_at, profile) VALUES (?, ?, ?, ?)',
    ).run(id, at, at, JSON.stringify(profile));
    return { id, createdAt: at, updatedAt: at, profile };
  }

  private texts(hashes: readonly string[]): Map<string, string> {
    const select = statement(this.db, 'SELECT text FROM trace_texts WHERE hash = ?');
    const texts = new Map<string, string>();
    for (const hash of hashes) {
      const raw = select.get(hash);
      if (raw !== undefined) texts.set(hash, TextRow.parse(raw).text);
    }
    return texts;
  }

  private writeProfile(id: string, profile: Profile, at: string): void {
    statement(this.db, 'UPDATE conversations SET profile = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(profile),
      at,
      id,
    );
  }

  /**
   * A write waits out another process's lock for the full busy timeout, whatever the queue's last
   * ack set: a turn's writes must not fail for a passing lock. (Reads in WAL mode never wait.)
   */
  private write<T>(work: () => T): Promise<T> {
    return this.use(() => withBusyTimeout(this.db, BUSY_TIMEOUT_MS, work));
  }

  /**
   * Runs `work` now (better-sqlite3 is synchronous) and settles with its result; "the file is
   * closed / locked" becomes a rejection that says what to do.
   */
  private use<T>(work: () => T): Promise<T> {
    if (!this.db.open) return Promise.reject(sqliteError(this.db, undefined));
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(sqliteError(this.db, error));
    }
  }
}
