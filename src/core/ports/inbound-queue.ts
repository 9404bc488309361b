import { z } from 'zod';

/**
 * The inbound queue: every message a channel (WhatsApp, …) hands us, durable until answered.
 * Channel-neutral: a channel names itself, gives its own id for the message and keeps its raw
 * fields in `payload`; the queue never reads them.
 *
 * Guarantees every adapter gives (test/store/inbound-queue.contract.ts checks them):
 * - enqueue is idempotent on (channel, externalId);
 * - per-customer FIFO: only a conversation's oldest unfinished message can be claimed, so a
 *   conversation has at most one message in flight across every process sharing the queue;
 * - a claim is a lease owned by a worker id: an expired lease (a dead replica) is claimable
 *   again, a live one is never taken; writes through a lost lease fail with LeaseLostError;
 * - each claim counts an attempt, so a message that kills its worker cannot loop forever.
 */

export const InboundStatusSchema = z.enum(['received', 'processing', 'replied', 'failed']);
export type InboundStatus = z.infer<typeof InboundStatusSchema>;

/** answer: the pipeline's reply; notice: a fixed polite answer (empty, media, too long); fallback: after failures. */
export const ReplyKindSchema = z.enum(['answer', 'notice', 'fallback']);
export type ReplyKind = z.infer<typeof ReplyKindSchema>;

/** inline: in the response to the channel's own webhook request; push: sent through the channel's API. */
export const DeliverySchema = z.enum(['inline', 'push']);
export type Delivery = z.infer<typeof DeliverySchema>;

export const NewInboundMessageSchema = z.object({
  /** The channel's name, e.g. 'whatsapp'. */
  channel: z.string().min(1),
  /** The channel's own id of the message; unique within the channel. */
  externalId: z.string().min(1),
  trackingId: z.string().min(1),
  /** The per-customer ordering key. */
  conversationId: z.string().min(1),
  /** The customer's address in the channel (mask it before logging). */
  from: z.string(),
  /** The address that received the message; replies go out from it. */
  to: z.string(),
  body: z.string(),
  /** The channel's raw fields, opaque to the queue. */
  payload: z.record(z.string(), z.unknown()),
});
export type NewInboundMessage = z.infer<typeof NewInboundMessageSchema>;

export const SavedReplySchema = z.object({
  text: z.string(),
  /** The reply as the channel's messages, saved before any is sent so a restart resumes. */
  parts: z.array(z.string()).min(1),
  kind: ReplyKindSchema,
});
export type SavedReply = z.infer<typeof SavedReplySchema>;

export const InboundMessageSchema = NewInboundMessageSchema.extend({
  /** The adapter's id of the stored message. */
  id: z.string(),
  receivedAt: z.string(),
  status: InboundStatusSchema,
  /** Claims so far (an interrupted one counts). */
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  reply: SavedReplySchema.nullable(),
  /** The channel's ids of the reply parts already sent, in order. */
  sentPartIds: z.array(z.string()),
  delivery: DeliverySchema.nullable(),
  error: z.string().nullable(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

export const LeaseSchema = z.object({
  messageId: z.string(),
  workerId: z.string(),
  /** The attempt this lease is for: a write through an older attempt's lease is refused. */
  attempt: z.number().int().min(1),
});
export type Lease = z.infer<typeof LeaseSchema>;

export interface ClaimedMessage {
  message: InboundMessage;
  lease: Lease;
  /** Taken over from a worker whose lease ran out (or that is known dead): an interrupted attempt. */
  recovered: boolean;
}

export type StatusCounts = Record<InboundStatus, number>;

/** The lease expired and another worker may hold the message now: stop working on it. */
export class LeaseLostError extends Error {
  readonly isLeaseLost = true;
  constructor(readonly lease: Lease) {
    super(`The lease on message ${lease.messageId} (attempt ${lease.attempt}) is no longer held.`);
  }
  static is(error: unknown): error is LeaseLostError {
    return typeof error === 'object' && error !== null && (error as LeaseLostError).isLeaseLost === true;
  }
}

export interface InboundQueue {
  /** Stores a message once; a (channel, externalId) seen before returns the stored one. */
  enqueue(message: NewInboundMessage): Promise<{ inserted: boolean; message: InboundMessage }>;
  get(id: string): Promise<InboundMessage | undefined>;
  /** Every message in arrival order (tests, audits). */
  list(): Promise<InboundMessage[]>;
  /**
   * Claims up to `limit` due messages for `workerId`, each a conversation's head, each with a
   * lease (one attempt more). Never returns a message whose lease another worker still holds.
   */
  claim(workerId: string, limit: number): Promise<ClaimedMessage[]>;
  /** Extends the leases; returns those that were lost (their work must stop). */
  heartbeat(leases: Lease[]): Promise<Lease[]>;
  /** Saves the reply before sending it, so a crash mid-send resumes without asking the model again. */
  saveReply(lease: Lease, reply: SavedReply & { error?: string }): Promise<void>;
  /** Records the channel's id of the next reply part sent. */
  recordSentPart(lease: Lease, partId: string): Promise<void>;
  /** The reply went out: `replied`, or `failed` when it was the fallback. */
  finish(lease: Lease, delivery: Delivery): Promise<void>;
  /** Back to the queue after a failed attempt, due at `at`; the conversation's later messages wait. */
  retry(lease: Lease, error: string, at: Date): Promise<void>;
  /** Gives up on the message for good, with the reason. */
  fail(lease: Lease, error: string): Promise<void>;
  /** Back to the queue untouched (shutdown): the attempt does not count. */
  release(lease: Lease): Promise<void>;
  /** Every part id sent for one conversation (a lookup at the channel must not take one for another). */
  sentPartIdsOfConversation(conversationId: string): Promise<string[]>;
  /**
   * Messages by status. With `estimateFinished`, replied and failed may come from the engine's
   * statistics rather than a count (metrics: a large table is not counted on every scrape);
   * received and processing are always counted.
   */
  countsByStatus(options?: { estimateFinished?: boolean }): Promise<StatusCounts>;
  /** Throws when the store does not answer (readiness). */
  ping(): Promise<void>;
  /** Calls `listener` when work may have become claimable (here or, where the engine can tell, elsewhere). */
  onWork(listener: () => void): () => void;
  close(): Promise<void>;
}
