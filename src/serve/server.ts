import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, ReplySender } from '../channels/channel.js';
import { UserInputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Pipeline } from '../core/pipeline.js';
import type { Db } from '../store/sqlite/database.js';
import { MessageStore } from '../store/message-store.js';
import { createServeApp } from './app.js';
import { createServeMetrics, type ServeMetrics } from './metrics.js';
import { LoadGovernor } from './load-governor.js';
import { MessageQueue, type DrainResult } from './queue.js';
import { createRateLimiter, withRateLimit } from './rate-limiter.js';
import { ReplyWaiters } from './reply-waiters.js';
import { trustProxyValue, type ServeSettings, type ServeSetup } from './settings.js';
import { createWorker } from './worker.js';

export interface ServeInput {
  pipeline: Pipeline;
  db: Db;
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
  readonly store: MessageStore;
  readonly metrics: ServeMetrics;
  /** Stops accepting, drains or requeues in-flight work; `force` skips the drain wait. */
  shutdown(options?: { force?: boolean }): Promise<DrainResult>;
  /** Settles once the server has shut down. */
  readonly closed: Promise<void>;
}

/** Wires store, queue, worker and HTTP app around a pipeline, and listens. */
export async function startServer(input: ServeInput): Promise<RunningServer> {
  const { settings, setup, logger, channel } = input;
  const store = new MessageStore(input.db);
  const metrics = createServeMetrics(store);
  const waiters = new ReplyWaiters();
  const runtime = input.pipeline.deps.runtime;
  const rpm = settings.modelRpm ?? (runtime.id === 'offline' ? 0 : 300);
  const pipeline =
    rpm > 0
      ? input.pipeline.withRuntime(withRateLimit(runtime, createRateLimiter({ perMinute: rpm })))
      : input.pipeline;
  const sender = input.sender ?? (setup.twilio ? channel.createSender(setup.twilio) : undefined);

  const worker = createWorker({ store, channel, pipeline, sender, waiters, metrics, logger, settings });
  const governor = new LoadGovernor({ max: settings.concurrency });
  const queue = new MessageQueue(store, worker, {
    concurrency: settings.concurrency,
    sweepIntervalMs: settings.sweepIntervalMs,
    logger,
    governor,
  });
  const app = createServeApp({
    store,
    channel,
    onStored: () => {
      governor.noteRequest();
      queue.kick();
    },
    waiters,
    metrics,
    logger,
    signature: setup.signature,
    reply: settings.reply,
    twimlDeadlineMs: settings.twimlDeadlineMs,
    trustProxy: trustProxyValue(settings.trustProxy),
    metricsToken: setup.metricsToken,
    readiness: [
      { name: 'store', check: () => store.ping() },
      { name: 'queue', check: () => queue.accepting },
      { name: 'runtime', check: () => Boolean(runtime.id) },
    ],
  });

  // The queue first: a server whose queue cannot run must not listen (it would ack every
  // webhook with a 500, or worse look healthy, forever).
  let recovered: number;
  try {
    recovered = startQueue(queue, input.db);
  } catch (error) {
    governor.stop();
    throw error;
  }
  const server = app.listen(settings.port, settings.host);
  try {
    await listening(server, settings);
  } catch (error) {
    await queue.drain(0);
    governor.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  for (const warning of setup.warnings) logger.warn('serve_warning', { warning });
  logger.info('serve_listening', {
    url,
    webhook: `${settings.publicUrl ?? url}${channel.webhookPath}`,
    port,
    channel: channel.name,
    reply: settings.reply,
    runtime: runtime.id,
    model: runtime.model,
    concurrency: settings.concurrency,
    modelRpm: rpm,
    recovered,
  });

  let shutdownPromise: Promise<DrainResult> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  async function shutdown(options: { force?: boolean } = {}): Promise<DrainResult> {
    if (shutdownPromise && !options.force) return shutdownPromise;
    if (shutdownPromise) {
      // A second signal: cut the drain short.
      await queue.drain(0);
      return shutdownPromise;
    }
    shutdownPromise = (async () => {
      logger.info('serve_stopping', { inFlight: queue.inFlight, drainTimeoutMs: settings.drainTimeoutMs });
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await queue.drain(options.force ? 0 : settings.drainTimeoutMs);
      // Requests still waiting for an inline reply get an empty one; their replies go by the API later.
      waiters.cancelAll();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
      await serverClosed;
      governor.stop();
      logger.info('serve_stopped', { ...drained });
      resolveClosed();
      return drained;
    })();
    return shutdownPromise;
  }

  return { url, webhookUrl: `${url}${channel.webhookPath}`, port, store, metrics, shutdown, closed };
}

function startQueue(queue: MessageQueue, db: Db): number {
  try {
    return queue.start();
  } catch (error) {
    const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
    throw new UserInputError(
      `Cannot start the message queue on the database ${db.name}: ${(error as Error).message}`,
      {
        hint: busy
          ? 'Another process holds a write lock on the database (a backup, another kavak serve): let it finish, then start again.'
          : 'The database may be damaged: check it with sqlite3 (PRAGMA integrity_check), restore a backup, or point KAVAK_DB at another file.',
        cause: error,
      },
    );
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
