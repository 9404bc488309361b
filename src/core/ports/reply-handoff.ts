/**
 * Inline replies (a reply in the webhook response itself): the webhook request that received a message waits a bounded
 * time for its reply and answers with it; past the deadline the worker sends it through the
 * channel's API. One or the other, never both and never neither: the adapter decides, in one
 * place, which side has a reply (a map entry in one process; a conditional UPDATE of one row
 * across processes).
 */

/** One inbound message by its channel's own id: known before it is stored. */
export interface ReplyKey {
  channel: string;
  externalId: string;
}

export interface PendingReply {
  /**
   * The reply's parts once a worker hands them over; null when none will come inline (the
   * deadline passed, the request was cancelled, the notifier lost its connection): then the
   * worker sends it through the channel's API.
   */
  readonly reply: Promise<string[] | null>;
  /** Stop waiting now: the message was a duplicate or could not be stored, or the client left. */
  cancel(): void;
}

export interface ReplyHandoff {
  /**
   * Web side, before the message is stored: wait up to `deadlineMs` for its reply. Undefined
   * when nothing can wait for it (a request for the same message already waits, the notifier is
   * not connected); the reply then goes through the API.
   */
  expect(key: ReplyKey, deadlineMs: number): Promise<PendingReply | undefined>;
  /**
   * Worker side, with a reply ready and nothing of it sent yet. True: a waiting request took it
   * (now, or on an earlier attempt of this message), so send nothing; false: send it by API.
   */
  offer(key: ReplyKey, parts: string[]): Promise<boolean>;
  /** Shutdown: every waiting request stops waiting (their replies go by the API). */
  cancelAll(): Promise<void>;
  close(): Promise<void>;
}

/** One string per message, for maps and notification payloads (channel names have no colon). */
export function replyKeyString(key: ReplyKey): string {
  return `${key.channel}:${key.externalId}`;
}
