import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ProfileSchema, type Profile } from '../profile.js';
import { HistoryTurnSchema } from '../tasks.js';

/**
 * The conversation memory core needs, as an async port: SQLite (src/store/sqlite) and
 * PostgreSQL (src/store/postgres) adapt it, and test/store/conversations.contract.ts holds
 * every adapter to the same behaviour. Core never sees SQL, a connection or a file; the store
 * registry (src/app/stores.ts) owns the connection and closes it, so no method here does.
 */

/** A customer's request for a person (a visit, a test drive, a call), saved with the turn. */
export const LeadSchema = z.object({
  action: z.string(),
  name: z.string().nullable(),
  stockId: z.string().nullable(),
  city: z.string().nullable(),
  branch: z.string().nullable(),
  preferredTime: z.string().nullable(),
});
export type Lead = z.infer<typeof LeadSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  updatedAt: z.string(),
  profile: ProfileSchema,
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const StoredMessageSchema = HistoryTurnSchema.extend({
  /** The turn that wrote it: a customer message and its reply share one. */
  trackingId: z.string(),
  createdAt: z.string(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export const TurnWriteSchema = z.object({
  conversationId: z.string(),
  trackingId: z.string(),
  customerText: z.string(),
  agentText: z.string(),
  profile: ProfileSchema,
  /** The turn's trace (JSON), for chat's /export, audits and recovering a reply after a crash. */
  trace: z.unknown(),
  leads: z.array(LeadSchema),
});
export type TurnWrite = z.infer<typeof TurnWriteSchema>;

/** What a saved turn answered: serve resends it after a crash between saving and sending. */
export const TurnReplySchema = z.object({ reply: z.string(), messages: z.array(z.string()).min(1) });
export type TurnReply = z.infer<typeof TurnReplySchema>;

export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** The conversation, created with an empty profile when it does not exist yet (safe to race). */
  getOrCreate(id: string): Promise<Conversation>;
  /** The last `limit` messages, oldest first. */
  history(id: string, limit: number): Promise<StoredMessage[]>;
  /** One transaction: both messages, the new profile, the trace and the leads, or nothing. */
  saveTurn(turn: TurnWrite): Promise<void>;
  /** Sets the profile outside a turn (eval starts a case from a given profile); creates the conversation. */
  saveProfile(id: string, profile: Profile): Promise<void>;
  /** Every trace of the conversation, oldest first, as saved (callers validate: old traces may differ). */
  traces(conversationId: string): Promise<unknown[]>;
  /** Every lead of the conversation, in the order saved. */
  leads(conversationId: string): Promise<Lead[]>;
  /** The reply of the turn saved under this tracking id, if any. */
  turnReply(trackingId: string): Promise<TurnReply | undefined>;
}

export function newConversationId(): string {
  return `c_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
