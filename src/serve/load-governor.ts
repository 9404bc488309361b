import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LoadGovernorOptions {
  /** The most turns in progress at once (the configured concurrency). */
  max: number;
  /** Event-loop delay (p99 over the last sample) above which fewer turns run. */
  highWaterMs?: number;
  /** Below this, one more turn may run. */
  lowWaterMs?: number;
  sampleMs?: number;
  /** How long after the last webhook request throttling still applies. */
  quietMs?: number;
}

/**
 * Keeps the webhook's acknowledgements fast when turns would take all the CPU: the webhook and
 * the turns share one event loop, so when the loop lags, fewer turns run at once (multiplicative
 * decrease) and the durable queue holds the rest; when it is idle again, more run (additive
 * increase). Messages wait longer under overload, but Twilio always gets its answer in ms;
 * once requests stop coming, the backlog drains at full concurrency.
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

  /** A webhook request came in: acks are what the throttling protects. */
  noteRequest(): void {
    this.lastRequestAt = performance.now();
  }

  /**
   * Turns that may be in progress now (at least 1, so the queue always moves). With no webhook
   * traffic in the last second there are no acks to protect: the backlog drains at full speed.
   */
  get limit(): number {
    return performance.now() - this.lastRequestAt < (this.options.quietMs ?? 1_000)
      ? this.current
      : this.options.max;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private sample(): void {
    const lagMs = this.histogram.percentile(99) / 1e6;
    this.histogram.reset();
    const high = this.options.highWaterMs ?? 15;
    const low = this.options.lowWaterMs ?? 6;
    if (lagMs > high) this.current = Math.max(1, Math.floor(this.current * 0.7));
    else if (lagMs < low) this.current = Math.min(this.options.max, this.current + 1);
  }
}
