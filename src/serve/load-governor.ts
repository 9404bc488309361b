import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LoadGovernorOptions {
  /** The most turns in progress at once (the configured concurrency). */
  max: number;
  /** Event-loop delay (p99 over the last sample) above which fewer turns run. */
  highWaterMs?: number;
  /** Below this, one more turn may run. */
  lowWaterMs?: number;
  /**
   * Slowest ack (the store's part: a wait for a transaction or a connection included) over the
   * last sample above which fewer turns run: the database and the other processes share the
   * CPU too, and this process's event loop does not see them.
   */
  ackHighWaterMs?: number;
  /** Below this (and a quiet event loop), one more turn may run. */
  ackLowWaterMs?: number;
  sampleMs?: number;
  /** How long after the last webhook request throttling still applies. */
  quietMs?: number;
  /**
   * Turns that may run when webhooks start coming after a quiet spell (default a quarter of
   * `max`): the limit then grows by one per quick sample, so a burst's first acks do not wait
   * behind a worker that starts every turn at once.
   */
  startLimit?: number;
}

/**
 * Keeps the webhook's acknowledgements fast when turns would take all the CPU: the webhook and
 * the turns share one event loop (and the machine's cores, with the database and the other
 * replicas), so when the loop lags or acks get slow, fewer turns run at once (multiplicative
 * decrease) and the durable queue holds the rest; when both are quick again, more run (additive
 * increase). A burst after a quiet spell starts low and grows (slow start). Messages wait longer
 * under overload, but Twilio always gets its answer in ms; once requests stop coming, the
 * backlog drains at full concurrency.
 */
export class LoadGovernor {
  private current: number;
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: LoadGovernorOptions) {
    this.current = options.max;
    this.histogram = monitorEventLoopDelay({ resolution: 5 });
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), options.sampleMs ?? 100);
    this.timer.unref();
  }

  private lastRequestAt = -Infinity;
  private slowestAckMs = 0;

  /** A webhook request came in: acks are what the throttling protects. */
  noteRequest(): void {
    this.noteTraffic();
  }

  /** The store took `ms` to keep a webhook's message (whether it succeeded or not). */
  noteAck(ms: number): void {
    this.noteTraffic();
    this.slowestAckMs = Math.max(this.slowestAckMs, ms);
  }

  private noteTraffic(): void {
    const now = performance.now();
    if (now - this.lastRequestAt >= this.quietMs)
      this.current = Math.min(
        this.current,
        this.options.startLimit ?? Math.max(1, Math.ceil(this.options.max / 4)),
      );
    this.lastRequestAt = now;
  }

  private get quietMs(): number {
    return this.options.quietMs ?? 1_000;
  }

  /**
   * Turns that may be in progress now (at least 1, so the queue always moves). With no webhook
   * traffic in the last second there are no acks to protect: the backlog drains at full speed.
   */
  get limit(): number {
    return performance.now() - this.lastRequestAt < this.quietMs ? this.current : this.options.max;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private sample(): void {
    const lagMs = this.histogram.percentile(99) / 1e6;
    this.histogram.reset();
    const ackMs = this.slowestAckMs;
    this.slowestAckMs = 0;
    const high = lagMs > (this.options.highWaterMs ?? 15) || ackMs > (this.options.ackHighWaterMs ?? 25);
    const low = lagMs < (this.options.lowWaterMs ?? 6) && ackMs < (this.options.ackLowWaterMs ?? 10);
    if (high) this.current = Math.max(1, Math.floor(this.current * 0.7));
    else if (low) this.current = Math.min(this.options.max, this.current + 1);
  }
}
