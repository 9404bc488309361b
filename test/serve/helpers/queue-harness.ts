/**
 * The queue and worker wired as `kavak serve` wires them — a real SQLite file, the real twilio
 * SDK sending to a fake Twilio REST server — minus HTTP: messages go straight into the store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../../src/core/pipeline.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createTwilioSender } from '../../../src/channels/whatsapp/reply-sender.js';
import { conversationIdFor } from '../../../src/channels/whatsapp/twilio-webhook-form.js';
import { whatsappChannel } from '../../../src/channels/whatsapp/whatsapp-channel.js';
import { createServeMetrics } from '../../../src/serve/metrics.js';
import { MessageQueue } from '../../../src/serve/queue.js';
import { ReplyWaiters } from '../../../src/serve/reply-waiters.js';
import { createWorker, type WorkerSettings } from '../../../src/serve/worker.js';
import { openDatabase, type Db } from '../../../src/store/sqlite/database.js';
import { MessageStore, type InboundRecord } from '../../../src/store/message-store.js';
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
  store: MessageStore;
  queue: MessageQueue;
  waiters: ReplyWaiters;
  twilio: FakeTwilioServer;
  /** Stores an inbound message as the webhook would, and kicks the queue. */
  receive(from: string, body: string, extra?: { sid?: string; raw?: Record<string, string> }): InboundRecord;
  /** Waits until every stored message is replied or failed. */
  settled(timeoutMs?: number): Promise<InboundRecord[]>;
  close(): Promise<void>;
}

export async function queueHarness(options: {
  pipeline: Pick<Pipeline, 'runTurn'>;
  settings?: Partial<WorkerSettings>;
  concurrency?: number;
  /** How often the queue requeues stranded `processing` rows (default 50 ms here). */
  sweepIntervalMs?: number;
  dbPath?: string;
  twilio?: FakeTwilioServer;
  start?: boolean;
}): Promise<QueueHarness> {
  const db = openDatabase(options.dbPath ?? tempDbPath());
  const store = new MessageStore(db);
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
    store,
    channel: whatsappChannel,
    pipeline: options.pipeline,
    sender,
    waiters,
    metrics: createServeMetrics(store),
    logger: silentLogger,
    settings,
  });
  const queue = new MessageQueue(store, worker, {
    concurrency: options.concurrency ?? 4,
    sweepIntervalMs: options.sweepIntervalMs ?? 50,
    logger: silentLogger,
  });
  if (options.start !== false) queue.start();
  let counter = 0;

  return {
    db,
    store,
    queue,
    waiters,
    twilio,
    receive(from, body, extra = {}) {
      counter += 1;
      const sid = extra.sid ?? `SM${String(counter).padStart(32, '0')}`;
      const raw = { MessageSid: sid, From: from, To: SANDBOX, Body: body, NumMedia: '0', ...extra.raw };
      const { record } = store.insert({
        messageSid: sid,
        trackingId: `t_${sid.slice(-12)}`,
        conversationId: conversationIdFor({ From: from }),
        customer: from,
        to: SANDBOX,
        body,
        raw,
      });
      queue.kick();
      return record;
    },
    async settled(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const all = store.all();
        if (all.every((m) => m.status === 'replied' || m.status === 'failed')) return all;
        if (Date.now() > until)
          throw new Error(`Not settled in ${timeoutMs} ms: ${JSON.stringify(store.countsByStatus())}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await queue.drain(0);
      db.close();
      if (!options.twilio) await twilio.close();
    },
  };
}
