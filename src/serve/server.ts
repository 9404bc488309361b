import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, ReplySender } from '../channels/channel.js';
import { UserInputError } from '../support/errors.js';
import type { Logger } from '../support/logger.js';
import type { Pipeline } from '../core/pipeline.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import type { ReplyHandoff } from '../core/ports/reply-handoff.js';
import type { RateLimiter } from '../runtime/with-rate-limit.js';
import { createServeApp, type ReadinessCheck } from './app.js';
import { createServeMetrics, type ServeMetrics } from './metrics.js';
import { LoadGovernor } from './load-governor.js';
import { QueueRunner, type DrainResult } from './queue.js';
import { createRateLimiter, withRateLimit } from './rate-limiter.js';
import { trustProxyValue, type ServeSettings, type ServeSetup } from './settings.js';
import { ReplyWaiters } from './reply-waiters.js';
import { createWorker } from './worker.js';
import type { ServeStores } from '../app/serve-stores.js';

export interface ServeInput {
  pipeline: Pipeline;
  /** The inbound queue (SQLite or PostgreSQL); the server closes it on shutdown. */
  queue: InboundQueue;
  turns: ServeStores['turns'];
  /**
   * The model rate limit shared by every replica (PostgreSQL); default: one in this process
   * at --model-rpm.
   */
  rateLimiter?: RateLimiter;
  /**
   * How inline (TwiML) replies reach the waiting webhook request across processes
   * (PostgreSQL); default: in this process's memory.
   */
  replyHandoff?: ReplyHandoff;
  logger: Logger;
  settings: ServeSettings;
  setup: ServeSetup;
  /** The channel messages come in and replies go out on. */
  channel: Channel;
  /** Replaces the channel's own sender (tests that script provider failures). */
  sender?: ReplySender;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly webhookUrl: string;
  readonly port: number;
  readonly queue: InboundQueue;
  readonly metrics: ServeMetrics;
  /** Stops accepting, drains or requeues in-flight work; `force` skips the drain wait. */
  shutdown(options?: { force?: boolean }): Promise<DrainResult>;
  /** Settles once the server has shut down. */
  readonly closed: Promise<void>;
}

/** How long an idle keep-alive connection stays open: longer than common load balancers' 60 s. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/**
 * Wires queue, worker and HTTP app around a pipeline, and listens. The role decides what runs:
 * `web` stores and acks (no worker, no model), `worker` claims and answers (HTTP for /healthz,
 * /readyz and /metrics only), `all` both.
 */
export async function startServer(input: ServeInput): Promise<RunningServer> {
  const { settings, setup, logger, queue, channel } = input;
  const role = settings.role;
  const runsWorker = role !== 'web';
  const metrics = createServeMetrics(queue);
  const waiters = input.replyHandoff ?? new ReplyWaiters();
  const runtime = input.pipeline.deps.runtime;
  const rpm = settings.modelRpm ?? (runtime.id === 'offline' ? 0 : 300);
  const limiter = input.rateLimiter ?? (rpm > 0 ? createRateLimiter({ perMinute: rpm }) : undefined);
  const pipeline = limiter ? input.pipeline.withRuntime(withRateLimit(runtime, limiter)) : input.pipeline;
  const sender = input.sender ?? (setup.twilio ? channel.createSender(setup.twilio) : undefined);

  const governor = new LoadGovernor({ max: settings.concurrency });
  const worker = createWorker({
    queue,
    channel,
    turns: input.turns,
    pipeline,
    sender,
    waiters,
    metrics,
    logger,
    settings,
  });
  const runner = runsWorker
    ? new QueueRunner(queue, worker, {
        concurrency: settings.concurrency,
        pollIntervalMs: settings.sweepIntervalMs,
        heartbeatIntervalMs: Math.max(Math.floor(settings.leaseMs / 3), 50),
        logger,
        governor,
      })
    : undefined;
  const readiness: ReadinessCheck[] = [{ name: 'store', check: () => queue.ping() }];
  if (runner) {
    readiness.push({ name: 'queue', check: () => runner.accepting });
    readiness.push({ name: 'runtime', check: () => Boolean(runtime.id) });
  }
  const app = createServeApp({
    webhook:
      role === 'worker'
        ? undefined
        : {
            // Timed for the governor: slow acks mean fewer turns at once.
            queue: {
              enqueue: async (message) => {
                const started = performance.now();
                try {
                  return await queue.enqueue(message);
                } finally {
                  governor.noteAck(performance.now() - started);
                }
              },
            },
            channel,
            onStored: () => {
              governor.noteRequest();
              runner?.kick();
            },
            waiters,
            metrics,
            logger,
            signature: setup.signature,
            reply: settings.reply,
            twimlDeadlineMs: settings.twimlDeadlineMs,
          },
    metrics,
    logger,
    trustProxy: trustProxyValue(settings.trustProxy),
    metricsToken: setup.metricsToken,
    readiness,
  });

  // The queue first: a server whose queue cannot run must not listen (it would ack every
  // webhook with a 500, or worse look healthy, forever).
  try {
    await startQueue(runner, queue);
  } catch (error) {
    governor.stop();
    throw error;
  }
  const server = app.listen(settings.port, settings.host);
  // Idle keep-alive connections outlive a load balancer's (AWS ALB: 60 s): with Node's 5 s the
  // server closes a connection the balancer is about to reuse, and that request gets a 502.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  try {
    await listening(server, settings);
  } catch (error) {
    await runner?.drain(0);
    governor.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  for (const warning of setup.warnings) logger.warn('serve_warning', { warning });
  logger.info('serve_listening', {
    url,
    role,
    webhook: role === 'worker' ? undefined : `${settings.publicUrl ?? url}${channel.webhookPath}`,
    port,
    reply: settings.reply,
    runtime: runtime.id,
    model: runtime.model,
    concurrency: runsWorker ? settings.concurrency : 0,
    modelRpm: input.rateLimiter ? 'shared' : rpm,
    workerId: runner?.workerId,
  });

  let shutdownPromise: Promise<DrainResult> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  async function shutdown(options: { force?: boolean } = {}): Promise<DrainResult> {
    if (shutdownPromise && !options.force) return shutdownPromise;
    if (shutdownPromise) {
      // A second signal: cut the drain short.
      await runner?.drain(0);
      return shutdownPromise;
    }
    shutdownPromise = (async () => {
      logger.info('serve_stopping', {
        inFlight: runner?.inFlight ?? 0,
        drainTimeoutMs: settings.drainTimeoutMs,
      });
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = (await runner?.drain(options.force ? 0 : settings.drainTimeoutMs)) ?? {
        finished: 0,
        requeued: 0,
      };
      // Requests still waiting for an inline reply get an empty one; their replies go by the API later.
      await waiters.cancelAll();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
      await serverClosed;
      governor.stop();
      await queue.close();
      logger.info('serve_stopped', { ...drained });
      resolveClosed();
      return drained;
    })();
    return shutdownPromise;
  }

  return { url, webhookUrl: `${url}${channel.webhookPath}`, port, queue, metrics, shutdown, closed };
}

async function startQueue(runner: QueueRunner | undefined, queue: InboundQueue): Promise<void> {
  try {
    if (runner) await runner.start();
    else await queue.ping();
  } catch (error) {
    // The queue says "locked" as a StoreUnavailableError whose cause is better-sqlite3's SQLITE_BUSY.
    const codeOf = (value: unknown) => (value as { code?: unknown } | undefined)?.code;
    const busy = [error, (error as { cause?: unknown }).cause].some((e) => codeOf(e) === 'SQLITE_BUSY');
    throw new UserInputError(`Cannot start the message queue: ${(error as Error).message}`, {
      hint: busy
        ? 'Another process holds a write lock on the database (a backup, a migration): let it finish, then start again.'
        : 'Check that the database (KAVAK_DB or --db) is reachable and not damaged: for SQLite, PRAGMA integrity_check or a backup; for PostgreSQL, the server and its credentials.',
      cause: error,
    });
  }
}

async function listening(server: Server, settings: ServeSettings): Promise<void> {
  try {
    // events.once rejects when the server emits 'error' first (EADDRINUSE…).
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      `Cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}`,
      {
        hint:
          code === 'EADDRINUSE'
            ? 'Another process uses that port: pass --port <n> (or PORT=<n>).'
            : 'Check --host and --port.',
        cause: error,
      },
    );
  }
}
