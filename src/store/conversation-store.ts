import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { emptyProfile, ProfileSchema, type Profile } from '../core/profile.js';
import type { HistoryTurn } from '../core/tasks.js';
import { statement, type Db } from './database.js';

export const LeadSchema = z.object({
  action: z.string(),
  name: z.string().nullable(),
  stockId: z.string().nullable(),
  city: z.string().nullable(),
  branch: z.string().nullable(),
  preferredTime: z.string().nullable(),
});
export type Lead = z.infer<typeof LeadSchema>;

export interface ConversationRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  profile: Profile;
}

export interface StoredMessage {
  role: HistoryTurn['role'];
  text: string;
  trackingId: string;
  createdAt: string;
}

export interface TurnWrite {
  conversationId: string;
  trackingId: string;
  customerText: string;
  agentText: string;
  profile: Profile;
  /** The turn's trace, stored as JSON for chat's /export and for audits. */
  trace: unknown;
  leads: Lead[];
}

/** Conversations, their messages, profiles, traces and leads, in one SQLite file. */
export class ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  newConversationId(): string {
    return `c_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  }

  get(id: string): ConversationRecord | undefined {
    const row = statement(
      this.db,
      'SELECT id, created_at, updated_at, profile FROM conversations WHERE id = ?',
    ).get(id) as { id: string; created_at: string; updated_at: string; profile: string } | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      profile: parseProfile(row.profile),
    };
  }

  /** The conversation, created empty when it does not exist yet. */
  getOrCreate(id: string): ConversationRecord {
    const existing = this.get(id);
    if (existing) return existing;
    const at = this.now().toISOString();
    const profile = emptyProfile();
    statement(
      this.db,
      'INSERT INTO conversations (id, created_at, updated_at, profile) VALUES (?, ?, ?, ?)',
    ).run(id, at, at, JSON.stringify(profile));
    return { id, createdAt: at, updatedAt: at, profile };
  }

  /** The last `limit` messages, oldest first. */
  history(id: string, limit: number): StoredMessage[] {
    const rows = statement(
      this.db,
      `SELECT role, text, tracking_id, created_at FROM
           (SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)
         ORDER BY id ASC`,
    ).all(id, limit) as {
      role: HistoryTurn['role'];
      text: string;
      tracking_id: string;
      created_at: string;
    }[];
    return rows.map((r) => ({
      role: r.role,
      text: r.text,
      trackingId: r.tracking_id,
      createdAt: r.created_at,
    }));
  }

  /** Saves a whole turn atomically: both messages, the new profile, the trace and any leads. */
  saveTurn(turn: TurnWrite): void {
    const at = this.now().toISOString();
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
      statement(this.db, 'UPDATE conversations SET profile = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(turn.profile),
        at,
        turn.conversationId,
      );
      statement(
        this.db,
        'INSERT OR REPLACE INTO turns (tracking_id, conversation_id, created_at, trace) VALUES (?, ?, ?, ?)',
      ).run(turn.trackingId, turn.conversationId, at, JSON.stringify(turn.trace));
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
  }

  traces(conversationId: string): unknown[] {
    const rows = statement(
      this.db,
      'SELECT trace FROM turns WHERE conversation_id = ? ORDER BY created_at, rowid',
    ).all(conversationId) as { trace: string }[];
    return rows.map((r) => JSON.parse(r.trace) as unknown);
  }

  leads(conversationId: string): Lead[] {
    const rows = statement(
      this.db,
      `SELECT action, name, stock_id, city, branch, preferred_time FROM leads WHERE conversation_id = ? ORDER BY id`,
    ).all(conversationId) as {
      action: string;
      name: string | null;
      stock_id: string | null;
      city: string | null;
      branch: string | null;
      preferred_time: string | null;
    }[];
    return rows.map((r) => ({
      action: r.action,
      name: r.name,
      stockId: r.stock_id,
      city: r.city,
      branch: r.branch,
      preferredTime: r.preferred_time,
    }));
  }
}

function parseProfile(json: string): Profile {
  const parsed = ProfileSchema.safeParse(JSON.parse(json));
  // A profile written by an older version that no longer validates starts fresh rather than crash.
  return parsed.success ? parsed.data : emptyProfile();
}
