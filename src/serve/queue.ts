import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../support/logger.js';
import {
  LeaseLostError,
  type ClaimedMessage,
  type InboundQueue,
  type Lease,
} from '../core/ports/inbound-queue.js';

/**
 * Works on one claimed message. It settles the message in the queue itself (finish, retry,
 * fail, or release when `signal` aborts for a shutdown); the runner only guards against throws.
 */
export type MessageHandler = (claimed: ClaimedMessage, signal: AbortSignal) => Promise<void>;

export interface QueueRunnerOptions {
  /** Messages in progress at once in this process; a customer never has more than one anywhere. */
  concurrency: number;
  /** Delay before retrying a message whose handler threw (a bug or a database error). */
  crashRetryMs?: number;
  logger: Logger;
  /**
   * How often to look for work no wake-up announced: a lease that ran out (a dead replica, a
   * failed database write), a retry or a message stored by another process.
   */
  pollIntervalMs?: number;
  /** How often in-flight leases are extended (well under the queue's lease length). */
  heartbeatIntervalMs?: number;
  /** Lowers the concurrency while the event loop lags, so webhook acks stay fast. */
  governor?: { readonly limit: number };
  /** Names this process's leases (default: host, pid and a random part). */
  workerId?: string;
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

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Claims work from the inbound queue and runs it: the order, the leases and the retries live
 * in the queue (shared by every replica), this class only decides what runs here now and keeps
 * its leases alive. Nothing is held only in memory, so a crash loses nothing: the leases run
 * out and another worker (or the next start) claims the messages again.
 */
export class QueueRunner {
  readonly workerId: string;
  private readonly running = new Map<
    string,
    { promise: Promise<void>; abort: AbortController; lease: Lease }
  >();
  private poller: NodeJS.Timeout | undefined;
  private heart: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopping = false;
  private started = false;
  private pumping = false;
  private pumpAgain = false;

  constructor(
    private readonly queue: InboundQueue,
    private readonly handle: MessageHandler,
    private readonly options: QueueRunnerOptions,
  ) {
    this.workerId = options.workerId ?? newWorkerId();
  }

  /** Starts claiming; throws if the queue cannot be reached or written (the first claim is a write). */
  async start(): Promise<void> {
    await this.queue.ping();
    const first = await this.queue.claim(this.workerId, this.options.concurrency);
    this.started = true;
    for (const item of first) this.run(item);
    this.unsubscribe = this.queue.onWork(() => this.kick());
    this.poller = setInterval(() => this.kick(), this.options.pollIntervalMs ?? 1_000);
    this.poller.unref();
    this.heart = setInterval(() => void this.beat(), this.options.heartbeatIntervalMs ?? 5_000);
    this.heart.unref();
    await this.pump();
  }

  /** Something changed (a new message, a retry came due): claim what can run. */
  kick(): void {
    if (this.started && !this.stopping) void this.pump();
  }

  get inFlight(): number {
    return this.running.size;
  }

  get accepting(): boolean {
    return this.started && !this.stopping;
  }

  /**
   * Stops claiming, lets in-flight messages finish for up to `timeoutMs`, then aborts the rest
   * (their handlers release them to the queue, for this or another replica).
   */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.stopping = true;
    clearInterval(this.poller);
    this.unsubscribe?.();
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
    clearInterval(this.heart);
    return { finished: total - cut.length, requeued: cut.length };
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const limit = Math.min(this.options.concurrency, this.options.governor?.limit ?? Infinity);
        const free = limit - this.running.size;
        if (this.stopping || free <= 0) break;
        let claimed: ClaimedMessage[];
        try {
          claimed = await this.queue.claim(this.workerId, free);
        } catch (error) {
          this.options.logger.error('queue_claim_failed', { error: String(error) });
          break;
        }
        for (const item of claimed) this.run(item);
        if (claimed.length === free) this.pumpAgain = true;
      } while (this.pumpAgain && !this.stopping);
    } finally {
      this.pumping = false;
    }
  }

  private run(claimed: ClaimedMessage): void {
    if (claimed.recovered)
      this.options.logger.warn('queue_recovered', {
        trackingId: claimed.message.trackingId,
        attempt: claimed.lease.attempt,
        note: 'taken over from a worker that stopped renewing its lease',
      });
    const abort = new AbortController();
    const { lease } = claimed;
    const promise = this.handle(claimed, abort.signal)
      .catch((error: unknown) => this.recoverFromCrash(claimed, error))
      .finally(() => {
        this.running.delete(lease.messageId);
        this.kick();
      });
    this.running.set(lease.messageId, { promise, abort, lease });
  }

  /** Extends the leases of in-flight work; work whose lease was lost is stopped. */
  private async beat(): Promise<void> {
    const jobs = [...this.running.values()];
    if (jobs.length === 0) return;
    try {
      const lost = await this.queue.heartbeat(jobs.map((job) => job.lease));
      for (const lease of lost) {
        this.options.logger.warn('lease_lost', { messageId: lease.messageId, attempt: lease.attempt });
        this.running.get(lease.messageId)?.abort.abort(new LeaseLostError(lease));
      }
    } catch (error) {
      // The database is away: the leases may run out and the messages be claimed elsewhere.
      this.options.logger.error('queue_heartbeat_failed', { error: String(error) });
    }
  }

  /** A handler must never throw; if one does, the message is retried later, never lost. */
  private async recoverFromCrash({ message, lease }: ClaimedMessage, error: unknown): Promise<void> {
    if (LeaseLostError.is(error)) return;
    const log = this.options.logger.child({
      trackingId: message.trackingId,
      conversationId: message.conversationId,
    });
    log.error('worker_crashed', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    try {
      await this.queue.retry(
        lease,
        `worker crashed: ${String(error)}`,
        new Date(Date.now() + (this.options.crashRetryMs ?? 5_000)),
      );
    } catch (queueError) {
      // The lease was lost, or the database failed: the lease runs out and the message is claimed again.
      if (!LeaseLostError.is(queueError)) log.error('queue_requeue_failed', { error: String(queueError) });
    }
  }
}
