/**
 * The queue and worker wired as `kavak serve` wires them — a real SQLite file, the real twilio
 * SDK sending to a fake Twilio REST server — minus HTTP: messages go straight into the store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../../src/core/pipeline.js';
import { silentLogger } from '../../../src/support/logger.js';
import { createTwilioSender } from '../../../src/channels/whatsapp/reply-sender.js';
import { conversationIdFor } from '../../../src/channels/whatsapp/twilio-webhook-form.js';
import { whatsappChannel } from '../../../src/channels/whatsapp/whatsapp-channel.js';
import { createServeMetrics } from '../../../src/serve/metrics.js';
import { QueueRunner } from '../../../src/serve/queue.js';
import { ReplyWaiters } from '../../../src/serve/reply-waiters.js';
import { createWorker, type WorkerSettings } from '../../../src/serve/worker.js';
import { openDatabase, type Db } from '../../../src/store/sqlite/database.js';
import type { InboundMessage } from '../../../src/core/ports/inbound-queue.js';
import { SqliteInboundQueue } from '../../../src/store/sqlite/inbound-queue.js';
import { SqliteConversationStore } from '../../../src/store/sqlite/conversation-store.js';
import {
  startFakeTwilioServer,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type FakeTwilioServer,
} from './fake-twilio-server.js';

export const SANDBOX = 'whatsapp:+14155238886';
export const customer = (i: number) => `whatsapp:+52155500000${String(i).padStart(2, '0')}`;

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'kavak-serve-')), 'kavak.db');
}

export interface QueueHarness {
  db: Db;
  queue: SqliteInboundQueue;
  runner: QueueRunner;
  waiters: ReplyWaiters;
  twilio: FakeTwilioServer;
  /** Stores an inbound message as the webhook would (synchronously, so calls keep their order). */
  receive(
    from: string,
    body: string,
    extra?: { sid?: string; raw?: Record<string, string> },
  ): Promise<InboundMessage>;
  /** Waits until every stored message is replied or failed. */
  settled(timeoutMs?: number): Promise<InboundMessage[]>;
  close(): Promise<void>;
}

export async function queueHarness(options: {
  pipeline: Pick<Pipeline, 'runTurn'>;
  settings?: Partial<WorkerSettings>;
  concurrency?: number;
  /** How often the runner looks for unannounced work, e.g. expired leases (default 50 ms here). */
  sweepIntervalMs?: number;
  /** How long a claim lasts without a heartbeat (default 300 ms here). */
  leaseMs?: number;
  dbPath?: string;
  twilio?: FakeTwilioServer;
  start?: boolean;
}): Promise<QueueHarness> {
  const db = openDatabase(options.dbPath ?? tempDbPath());
  const queue = new SqliteInboundQueue(db, { leaseMs: options.leaseMs ?? 300 });
  const twilio = options.twilio ?? (await startFakeTwilioServer());
  const sender = createTwilioSender({
    accountId: TEST_ACCOUNT_SID,
    authToken: TEST_AUTH_TOKEN,
    apiBaseUrl: twilio.url,
  });
  const waiters = new ReplyWaiters();
  const settings: WorkerSettings = {
    maxAttempts: 3,
    retryBaseMs: 5,
    retryMaxMs: 40,
    turnTimeoutMs: 2_000,
    sendRetryWindowMs: 10_000,
    ...options.settings,
  };
  const worker = createWorker({
    queue,
    turns: new SqliteConversationStore(db),
    channel: whatsappChannel,
    pipeline: options.pipeline,
    sender,
    waiters,
    metrics: createServeMetrics(queue),
    logger: silentLogger,
    settings,
  });
  const runner = new QueueRunner(queue, worker, {
    concurrency: options.concurrency ?? 4,
    pollIntervalMs: options.sweepIntervalMs ?? 50,
    heartbeatIntervalMs: Math.floor((options.leaseMs ?? 300) / 3),
    logger: silentLogger,
  });
  if (options.start !== false) await runner.start();
  let counter = 0;

  return {
    db,
    queue,
    runner,
    waiters,
    twilio,
    receive(from, body, extra = {}) {
      counter += 1;
      const sid = extra.sid ?? `SM${String(counter).padStart(32, '0')}`;
      const raw = { MessageSid: sid, From: from, To: SANDBOX, Body: body, NumMedia: '0', ...extra.raw };
      return queue
        .enqueue({
          channel: whatsappChannel.name,
          externalId: sid,
          trackingId: `t_${sid.slice(-12)}`,
          conversationId: conversationIdFor({ From: from }),
          from,
          to: SANDBOX,
          body,
          payload: raw,
        })
        .then(({ message }) => message);
    },
    async settled(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const all = await queue.list();
        if (all.every((m) => m.status === 'replied' || m.status === 'failed')) return all;
        if (Date.now() > until)
          throw new Error(`Not settled in ${timeoutMs} ms: ${JSON.stringify(await queue.countsByStatus())}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await runner.drain(0);
      await queue.close();
      db.close();
      if (!options.twilio) await twilio.close();
    },
  };
}
