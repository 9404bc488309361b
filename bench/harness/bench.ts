import type { BenchOutcome } from './report.js';

export interface BenchOptions {
  /** The scripted model's answer delay, ms (eval and webhook benches). */
  modelDelayMs: number;
  /** Seconds of load at each offered rate (webhook bench). */
  webhookSeconds: number;
  /** Offered loads, requests per second (webhook bench). */
  webhookRates: number[];
  /** Longest wait for the queue to drain after each load (webhook bench). */
  webhookDrainCapSeconds: number;
  /** -j values (eval bench). */
  evalConcurrency: number[];
  /** Runs per command (cli bench). */
  cliRuns: number;
  /** Seconds of the 500 req/s ack load (serve-scale bench). */
  scaleSeconds: number;
  /** Messages each replica answers in the throughput runs (serve-scale bench). */
  scaleMessagesPerReplica: number;
  /** Only the 3-replica PostgreSQL fleet's ack load (serve-scale bench): no throughput runs, no SQLite, no overhead. */
  scaleAckOnly?: boolean;
}

export interface BenchContext {
  options: BenchOptions;
  /** A temp folder for this run (databases, generated catalogs, logs). */
  workDir: string;
  /** Progress on stderr; the tables go to stdout. */
  log: (message: string) => void;
}

export interface Bench {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

/** Thrown when a module the bench measures has not landed yet: reported, never faked. */
export class BenchUnavailableError extends Error {
  constructor(reason: string) {
    super(`not available yet: ${reason}`);
    this.name = 'BenchUnavailableError';
  }
}
