import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TurnTotals } from '../core/trace/schema.js';
import type { InboundQueue, InboundStatus, StatusCounts } from '../core/ports/inbound-queue.js';

export type WebhookOutcome = 'accepted' | 'duplicate' | 'forbidden' | 'invalid' | 'unavailable';

/** Error kinds: the model's (rate_limit, timeout, server, …), Twilio's, and our own. */
export type ErrorKind = string;

export interface ServeMetrics {
  readonly registry: Registry;
  webhook(outcome: WebhookOutcome): void;
  /** A pipeline turn finished: its latency, tokens and cost. */
  turn(seconds: number, totals: TurnTotals): void;
  /** A message left the queue (replied or failed), `seconds` after it was received. */
  finished(status: Extract<InboundStatus, 'replied' | 'failed'>, seconds: number): void;
  error(kind: ErrorKind): void;
}

const STATUSES: InboundStatus[] = ['received', 'processing', 'replied', 'failed'];

export interface ServeMetricsOptions {
  /** Message counts are read at most this often; scrapes in between reuse them (default 5 s). */
  countsMaxAgeMs?: number;
  now?: () => number;
}

/**
 * Prometheus metrics for `kavak serve`, on their own registry (no global state). The message
 * counts are one read of the store per `countsMaxAgeMs` however often /metrics is scraped (by
 * how many scrapers), and on PostgreSQL a cheap one (see countsByStatus's estimateFinished).
 */
export function createServeMetrics(
  store: Pick<InboundQueue, 'countsByStatus'>,
  options: ServeMetricsOptions = {},
): ServeMetrics {
  const counts = cachedCounts(store, options.countsMaxAgeMs ?? 5_000, options.now ?? Date.now);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kavak_' });
  const registers = [registry];

  new Gauge({
    name: 'kavak_messages',
    help: 'Inbound WhatsApp messages in the store, by status',
    labelNames: ['status'],
    registers,
    async collect() {
      const current = await counts();
      for (const status of STATUSES) this.set({ status }, current[status]);
    },
  });
  new Gauge({
    name: 'kavak_queue_depth',
    help: 'Messages received but not yet answered (waiting or processing)',
    registers,
    async collect() {
      const current = await counts();
      this.set(current.received + current.processing);
    },
  });
  const webhooks = new Counter({
    name: 'kavak_webhook_requests_total',
    help: 'Webhook requests, by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const turnSeconds = new Histogram({
    name: 'kavak_turn_duration_seconds',
    help: 'Time the pipeline took to answer one message',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
    registers,
  });
  const replySeconds = new Histogram({
    name: 'kavak_reply_latency_seconds',
    help: 'From the webhook receiving a message to its reply going out (queueing and retries included)',
    labelNames: ['status'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300],
    registers,
  });
  const tokens = new Counter({
    name: 'kavak_model_tokens_total',
    help: 'Model tokens used by answered turns',
    labelNames: ['direction'],
    registers,
  });
  const cost = new Counter({
    name: 'kavak_model_cost_usd_total',
    help: 'Estimated model cost in USD',
    registers,
  });
  const modelCalls = new Counter({
    name: 'kavak_model_calls_total',
    help: 'Model calls made by answered turns',
    registers,
  });
  const errors = new Counter({
    name: 'kavak_errors_total',
    help: 'Errors while processing messages, by kind',
    labelNames: ['kind'],
    registers,
  });

  return {
    registry,
    webhook: (outcome) => webhooks.inc({ outcome }),
    turn(seconds, totals) {
      turnSeconds.observe(seconds);
      tokens.inc({ direction: 'input' }, totals.inputTokens);
      tokens.inc({ direction: 'output' }, totals.outputTokens);
      // An unpriced model adds nothing rather than a made-up 0 (its tokens are still counted).
      if (totals.costUsd !== null) cost.inc(totals.costUsd);
      modelCalls.inc(totals.modelCalls);
    },
    finished: (status, seconds) => replySeconds.observe({ status }, seconds),
    error: (kind) => errors.inc({ kind }),
  };
}

/** One read shared by every caller within `maxAgeMs` (and by callers while it is in flight); a failed read is not kept. */
function cachedCounts(
  store: Pick<InboundQueue, 'countsByStatus'>,
  maxAgeMs: number,
  now: () => number,
): () => Promise<StatusCounts> {
  let cached: { at: number; counts: Promise<StatusCounts> } | undefined;
  return () => {
    if (cached && now() - cached.at < maxAgeMs) return cached.counts;
    const read = store.countsByStatus({ estimateFinished: true });
    const entry = { at: now(), counts: read };
    cached = entry;
    read.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return read;
  };
}
