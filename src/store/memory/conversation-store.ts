import { emptyProfile, type Profile } from '../../core/profile.js';
import {
  TurnReplySchema,
  type Conversation,
  type ConversationStore,
  type Lead,
  type StoredMessage,
  type TurnReply,
  type TurnWrite,
} from '../../core/ports/conversations.js';
import { storedProfile } from '../rows.js';
import { StoreUnavailableError } from '../store-errors.js';

interface MemoryConversation {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** As JSON, like a database row: what is read back is a copy, never the caller's object. */
  profile: string;
  messages: StoredMessage[];
  /** Each turn's trace as JSON, in the order saved. */
  traces: { trackingId: string; json: string }[];
  leads: Lead[];
}

/**
 * The conversation port in this process's memory, for conversations nobody keeps: eval's
 * cases start from nothing and end with the run. It behaves as the database adapters do
 * (test/store/conversations.contract.ts holds it to the same contract: whole turns or nothing,
 * copies out, traces as JSON), without their per-turn cost — on SQLite, even `:memory:`, a
 * turn is statements, JSON and hashing of the model-call texts; here it is one JSON string.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, MemoryConversation>();
  /** Tracking id → the trace's JSON, for turnReply. */
  private readonly traceByTurn = new Map<string, string>();
  private closed = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  get(id: string): Promise<Conversation | undefined> {
    return this.use(() => {
      const found = this.conversations.get(id);
      return found && conversationOf(found);
    });
  }

  getOrCreate(id: string): Promise<Conversation> {
    return this.use(() => conversationOf(this.findOrCreate(id)));
  }

  history(id: string, limit: number): Promise<StoredMessage[]> {
    return this.use(() => {
      const messages = this.conversations.get(id)?.messages ?? [];
      // As SQL's LIMIT: 0 gives none (slice(-0) would give all), a negative limit no limit.
      const last = limit === 0 ? [] : limit > 0 ? messages.slice(-limit) : messages;
      return last.map((m) => ({ ...m }));
    });
  }

  saveTurn(turn: TurnWrite): Promise<void> {
    return this.use(() => {
      // Everything that can fail first (a trace that is not JSON): then no half turn is kept.
      const json = JSON.stringify(turn.trace);
      const profile = JSON.stringify(turn.profile);
      const at = this.now().toISOString();
      const conversation = this.findOrCreate(turn.conversationId, at);
      conversation.messages.push(
        { role: 'customer', text: turn.customerText, trackingId: turn.trackingId, createdAt: at },
        { role: 'agent', text: turn.agentText, trackingId: turn.trackingId, createdAt: at },
      );
      conversation.profile = profile;
      conversation.updatedAt = at;
      const replaced = conversation.traces.findIndex((t) => t.trackingId === turn.trackingId);
      if (replaced >= 0) conversation.traces.splice(replaced, 1);
      conversation.traces.push({ trackingId: turn.trackingId, json });
      this.traceByTurn.set(turn.trackingId, json);
      conversation.leads.push(...turn.leads.map((lead) => ({ ...lead })));
    });
  }

  saveProfile(id: string, profile: Profile): Promise<void> {
    return this.use(() => {
      const conversation = this.findOrCreate(id);
      conversation.profile = JSON.stringify(profile);
      conversation.updatedAt = this.now().toISOString();
    });
  }

  traces(conversationId: string): Promise<unknown[]> {
    return this.use(() =>
      (this.conversations.get(conversationId)?.traces ?? []).map((t) => JSON.parse(t.json) as unknown),
    );
  }

  leads(conversationId: string): Promise<Lead[]> {
    return this.use(() => (this.conversations.get(conversationId)?.leads ?? []).map((l) => ({ ...l })));
  }

  turnReply(trackingId: string): Promise<TurnReply | undefined> {
    return this.use(() => {
      const json = this.traceByTurn.get(trackingId);
      if (json === undefined) return undefined;
      const parsed = TurnReplySchema.safeParse(JSON.parse(json));
      return parsed.success ? parsed.data : undefined;
    });
  }

  /** Forgets everything; later calls fail as on a closed database. */
  close(): void {
    this.closed = true;
    this.conversations.clear();
    this.traceByTurn.clear();
  }

  private findOrCreate(id: string, at = this.now().toISOString()): MemoryConversation {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = {
        id,
        createdAt: at,
        updatedAt: at,
        profile: JSON.stringify(emptyProfile()),
        messages: [],
        traces: [],
        leads: [],
      };
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  private use<T>(work: () => T): Promise<T> {
    if (this.closed)
      return Promise.reject(
        new StoreUnavailableError('The in-memory conversation store is closed.', {
          hint: 'kavak was shutting down; run the command again.',
        }),
      );
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function conversationOf(stored: MemoryConversation): Conversation {
  return {
    id: stored.id,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    profile: storedProfile(JSON.parse(stored.profile)),
  };
}
