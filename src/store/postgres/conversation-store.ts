import type pg from 'pg';
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
import { inTransaction, postgresError } from './pool.js';

const isoTime = z.date().transform((at) => at.toISOString());
const TraceTextRow = z.object({ hash: z.string(), text: z.string() });
const ConversationRow = z.object({
  id: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  profile: z.unknown(),
});
const MessageRow = z.object({
  role: StoredMessageSchema.shape.role,
  text: z.string(),
  tracking_id: z.string(),
  created_at: isoTime,
});

const CONVERSATION_COLUMNS = 'id, created_at, updated_at, profile';

/**
 * The conversation port on PostgreSQL through a `pg` pool: parameterised queries only, JSONB
 * profiles and traces, one transaction per saved turn. The pool belongs to the store registry,
 * which ends it.
 */
export class PostgresConversationStore implements ConversationStore {
  /** Hashes of trace texts this store has written: not sent again. */
  private readonly storedTexts = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    /** The URL with its password masked, for error messages. */
    private readonly location: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string): Promise<Conversation | undefined> {
    const { rows } = await this.query(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1`, [
      id,
    ]);
    return rows[0] === undefined ? undefined : toConversation(rows[0]);
  }

  async getOrCreate(id: string): Promise<Conversation> {
    const at = this.now();
    // Two statements, not one: a row a racing caller commits while this INSERT waits on it is
    // visible to the next statement's snapshot, never to this one's.
    const inserted = await this.query(
      `INSERT INTO conversations (id, created_at, updated_at, profile) VALUES ($1, $2, $2, $3::jsonb)
       ON CONFLICT (id) DO NOTHING
       RETURNING ${CONVERSATION_COLUMNS}`,
      [id, at, json(emptyProfile())],
    );
    if (inserted.rows[0] !== undefined) return toConversation(inserted.rows[0]);
    const existing = await this.get(id);
    if (!existing) throw new Error(`Conversation ${id} was deleted while it was being opened.`);
    return existing;
  }

  async history(id: string, limit: number): Promise<StoredMessage[]> {
    const { rows } = await this.query(
      `SELECT role, text, tracking_id, created_at FROM
         (SELECT id, role, text, tracking_id, created_at FROM messages
            WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2) AS recent
       ORDER BY id ASC`,
      [id, limit],
    );
    return rows.map((raw) => {
      const row = MessageRow.parse(raw);
      return { role: row.role, text: row.text, trackingId: row.tracking_id, createdAt: row.created_at };
    });
  }

  async saveTurn(turn: TurnWrite): Promise<void> {
    const at = this.now();
    const committed: string[] = [];
    await inTransaction(this.pool, this.location, async (client) => {
      await client.query(
        `INSERT INTO conversations (id, created_at, updated_at, profile) VALUES ($1, $2, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET profile = EXCLUDED.profile, updated_at = EXCLUDED.updated_at`,
        [turn.conversationId, at, json(turn.profile)],
      );
      await client.query(
        `INSERT INTO messages (conversation_id, role, text, tracking_id, created_at)
         VALUES ($1, 'customer', $2, $4, $5), ($1, 'agent', $3, $4, $5)`,
        [turn.conversationId, storable(turn.customerText), storable(turn.agentText), turn.trackingId, at],
      );
      const packed = packTrace(turn.trace);
      const newTexts = [...packed.texts].filter(([hash]) => !this.storedTexts.has(hash));
      if (newTexts.length > 0) {
        await client.query(
          `INSERT INTO trace_texts (hash, text) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT (hash) DO NOTHING`,
          [newTexts.map(([hash]) => hash), newTexts.map(([, text]) => storable(text))],
        );
        committed.push(...newTexts.map(([hash]) => hash));
      }
      // A turn saved again under its tracking id replaces the trace, as SQLite's INSERT OR REPLACE does.
      await client.query(
        `INSERT INTO turns (tracking_id, conversation_id, created_at, trace) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (tracking_id) DO UPDATE
           SET conversation_id = EXCLUDED.conversation_id, created_at = EXCLUDED.created_at, trace = EXCLUDED.trace`,
        [turn.trackingId, turn.conversationId, at, json(packed.stored)],
      );
      for (const lead of turn.leads) {
        await client.query(
          `INSERT INTO leads (conversation_id, tracking_id, created_at, action, name, stock_id, city, branch, preferred_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            turn.conversationId,
            turn.trackingId,
            at,
            storable(lead.action),
            nullableStorable(lead.name),
            nullableStorable(lead.stockId),
            nullableStorable(lead.city),
            nullableStorable(lead.branch),
            nullableStorable(lead.preferredTime),
          ],
        );
      }
    });
    // Only once committed: a rolled-back insert must be tried again next time.
    for (const hash of committed) this.storedTexts.add(hash);
  }

  async saveProfile(id: string, profile: Profile): Promise<void> {
    const at = this.now();
    await this.query(
      `INSERT INTO conversations (id, created_at, updated_at, profile) VALUES ($1, $2, $2, $3::jsonb)
       ON CONFLICT (id) DO UPDATE SET profile = EXCLUDED.profile, updated_at = EXCLUDED.updated_at`,
      [id, at, json(ProfileSchema.parse(profile))],
    );
  }

  async traces(conversationId: string): Promise<unknown[]> {
    const { rows } = await this.query(
      'SELECT trace FROM turns WHERE conversation_id = $1 ORDER BY created_at, seq',
      [conversationId],
    );
    const stored = rows.map((row) => (row as { trace: unknown }).trace);
    const hashes = [...new Set(stored.flatMap(textRefs))];
    if (hashes.length === 0) return stored;
    const texts = await this.query('SELECT hash, text FROM trace_texts WHERE hash = ANY($1::text[])', [
      hashes,
    ]);
    const byHash = new Map(
      texts.rows.map((row) => TraceTextRow.parse(row)).map((row) => [row.hash, row.text]),
    );
    return stored.map((trace) => unpackTrace(trace, byHash));
  }

  async leads(conversationId: string): Promise<Lead[]> {
    const { rows } = await this.query(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE conversation_id = $1 ORDER BY id`,
      [conversationId],
    );
    return rows.map(leadFromRow);
  }

  async turnReply(trackingId: string): Promise<TurnReply | undefined> {
    const { rows } = await this.query('SELECT trace FROM turns WHERE tracking_id = $1', [trackingId]);
    if (rows[0] === undefined) return undefined;
    const parsed = TurnReplySchema.safeParse((rows[0] as { trace: unknown }).trace);
    return parsed.success ? parsed.data : undefined;
  }

  private async query(sql: string, values: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.pool.query(sql, values);
    } catch (error) {
      throw postgresError(error, this.location);
    }
  }
}

function toConversation(raw: unknown): Conversation {
  const row = ConversationRow.parse(raw);
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    profile: storedProfile(row.profile),
  };
}

/**
 * PostgreSQL text (and JSONB) cannot hold U+0000, which SQLite keeps: it becomes U+FFFD, the
 * mark of an unreadable character, so a message carrying one is saved rather than lost.
 */
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}

function nullableStorable(text: string | null): string | null {
  return text === null ? null : storable(text);
}

/** JSON text for a $n::jsonb parameter (pg would send a JS array as a PostgreSQL array). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'string' ? storable(inner) : inner,
  );
}
