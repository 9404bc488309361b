import type { Logger } from '../core/logger.js';
import type { InboundRecord, MessageStore } from '../store/message-store.js';

/**
 * Works on one claimed message. It settles the message in the store itself (finish, retry,
 * fail, or release when `signal` aborts for a shutdown); the queue only guards against throws.
 */
export type MessageHandler = (record: InboundRecord, signal: AbortSignal) => Promise<void>;

export interface QueueOptions {
  /** Messages in progress at once; a customer never has more than one. */
  concurrency: number;
  /** Delay before retrying a message whose handler threw (a bug or a database error). */
  crashRetryMs?: number;
  logger: Logger;
  /**
   * How often to requeue messages left `processing` with no worker on them: a failed database
   * write (a full disk) left the row unsettled, and it would block its customer until a restart.
   */
  sweepIntervalMs?: number;
  /** Lowers the concurrency while the event loop lags, so webhook acks stay fast. */
  governor?: { readonly limit: number };
}

export interface DrainResult {
  /** In-flight messages that finished during the drain. */
  finished: number;
  /** In-flight messages cut short and put back in the queue. */
  requeued: number;
}

/** Shutdown aborts in-flight work with this reason so handlers can tell it from a timeout. */
export class ShutdownSignal extends Error {
  constructor() {
    super('The server is shutting down; the message goes back to the queue.');
  }
}

/**
 * The durable queue: the order and state live in the message store, this class only decides
 * what runs now. Per-customer order comes from the store (only a customer's oldest unfinished
 * message can be claimed); the global limit is `concurrency`; messages waiting for a retry wake
 * a timer. Nothing is held only in memory, so a crash loses nothing.
 */
export class MessageQueue {
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;

  constructor(
    private readonly store: MessageStore,
    private readonly handle: MessageHandler,
    private readonly options: QueueOptions,
  ) {}

  /** Requeues what a previous process left in flight, then starts working. Throws if the database cannot. */
  start(): number {
    const requeued = this.store.requeueInterrupted();
    if (requeued > 0) this.options.logger.warn('queue_recovered', { requeued });
    this.started = true;
    this.sweeper = setInterval(() => this.sweep(), this.options.sweepIntervalMs ?? 10_000);
    this.sweeper.unref();
    this.pump();
    return requeued;
  }

  /** Something changed (a new message, a retry came due): claim what can run. */
  kick(): void {
    if (this.started && !this.stopping) this.pump();
  }

  get inFlight(): number {
    return this.running.size;
  }

  get accepting(): boolean {
    return this.started && !this.stopping;
  }

  /**
   * Stops claiming, lets in-flight messages finish for up to `timeoutMs`, then aborts the rest
   * (their handlers put them back in the queue for the next start).
   */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.sweeper);
    const pending = [...this.running.values()];
    const total = pending.length;
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(pending.map((job) => job.promise)).then(() => false),
      new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timeout);
    const cut = timedOut ? [...this.running.values()] : [];
    for (const job of cut) job.abort.abort(new ShutdownSignal());
    await Promise.all(cut.map((job) => job.promise));
    return { finished: total - cut.length, requeued: cut.length };
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const limit = Math.min(this.options.concurrency, this.options.governor?.limit ?? Infinity);
    // At the limit, a finishing turn kicks the queue again: no need to look for due retries
    // (a query that grows with the backlog) on every incoming message.
    let nothingDue = false;
    while (!this.stopping && this.running.size < limit) {
      let record: InboundRecord | undefined;
      try {
        record = this.store.claimNext();
      } catch (error) {
        this.options.logger.error('queue_claim_failed', { error: String(error) });
        nothingDue = true;
        break;
      }
      if (!record) {
        nothingDue = true;
        break;
      }
      this.run(record);
    }
    if (nothingDue) this.scheduleWake();
  }

  private run(record: InboundRecord): void {
    const abort = new AbortController();
    const promise = this.handle(record, abort.signal)
      .catch((error: unknown) => this.recoverFromCrash(record, error))
      .finally(() => {
        this.running.delete(record.messageSid);
        this.kick();
      });
    this.running.set(record.messageSid, { promise, abort });
  }

  /** A handler must never throw; if one does, the message is retried later, never lost. */
  private recoverFromCrash(record: InboundRecord, error: unknown): void {
    const log = this.options.logger.child({
      trackingId: record.trackingId,
      conversationId: record.conversationId,
    });
    log.error('worker_crashed', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    try {
      if (this.store.get(record.messageSid)?.status === 'processing') {
        this.store.retryAt(
          record.messageSid,
          `worker crashed: ${String(error)}`,
          new Date(Date.now() + (this.options.crashRetryMs ?? 5_000)),
        );
      }
    } catch (storeError) {
      // The database itself failed: the row stays `processing` until the sweep requeues it.
      log.error('queue_requeue_failed', { error: String(storeError) });
    }
  }

  /**
   * Requeues `processing` rows no handler of ours works on (one process owns the table, so
   * those are writes that failed), then claims what is due, in case a wake-up was lost too.
   */
  private sweep(): void {
    if (this.stopping) return;
    try {
      const stranded = this.store.processingMessageSids().filter((sid) => !this.running.has(sid));
      for (const sid of stranded)
        this.store.retryAt(sid, 'A database write failed; requeued by the sweep.', new Date());
      if (stranded.length > 0) this.options.logger.warn('queue_swept', { requeued: stranded.length });
    } catch (error) {
      this.options.logger.error('queue_sweep_failed', { error: String(error) });
    }
    this.pump();
  }

  /** Sleeps until the next retry is due, when a slot is free for it. */
  private scheduleWake(): void {
    if (this.stopping || this.running.size >= this.options.concurrency) return;
    let due: Date | undefined;
    try {
      due = this.store.nextDueAt();
    } catch {
      due = new Date(Date.now() + 1_000);
    }
    if (!due) return;
    const delay = Math.min(Math.max(due.getTime() - Date.now(), 5), 60_000);
    this.timer = setTimeout(() => this.pump(), delay);
    this.timer.unref();
  }
}
