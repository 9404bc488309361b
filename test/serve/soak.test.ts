/**
 * Memory and timers under a long run: the real worker and queue on a SQLite file, each turn two
 * calls to the openai runtime (the real SDK, its fetch answered in-process so 20,000 messages
 * fit in a test) with the turn's signal, as the pipeline makes them. Heap is measured after a
 * full garbage collection. (The whole pipeline costs ~20 ms a message here; its memory is the
 * bench's business.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/support/logger.js';
import { createOpenAIRuntime } from '../../src/runtime/openai/index.js';
import { conversationIdFor } from '../../src/channels/whatsapp/twilio-webhook-form.js';
import { whatsappChannel } from '../../src/channels/whatsapp/whatsapp-channel.js';
import { createServeMetrics } from '../../src/serve/metrics.js';
import { QueueRunner } from '../../src/serve/queue.js';
import { ReplyWaiters } from '../../src/serve/reply-waiters.js';
import { createWorker, type WorkerSettings } from '../../src/serve/worker.js';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { SqliteConversationStore } from '../../src/store/sqlite/conversation-store.js';
import { completionReply } from '../helpers/fake-openai-server.js';
import { GREETING_INTENTS } from './helpers/fake-model.js';
import { turnResult } from './helpers/scripted-pipeline.js';
import { SANDBOX, tempDbPath } from './helpers/queue-harness.js';
import { eventually } from './helpers/serve-harness.js';

const INTENTS_OUTPUT = { name: 'intents', schema: z.object({ intents: z.array(z.unknown()) }) };

// gc() without restarting vitest under --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** The SDK's fetch, answered at once: intents for structured calls, a reply otherwise (or never). */
function inProcessModel(options: { hang?: boolean } = {}): typeof fetch {
  return async (_url, init) => {
    if (options.hang) {
      // Like a stalled model: only an abort ends it.
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error), { once: true }),
      );
    }
    const body = JSON.parse(init?.body as string) as Record<string, unknown>;
    const content = 'response_format' in body ? JSON.stringify(GREETING_INTENTS) : '¡Hola! ¿Qué auto buscas?';
    return new Response(JSON.stringify(completionReply({ content }).body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

let db: Db | undefined;
let runner: QueueRunner | undefined;
afterEach(async () => {
  await runner?.drain(0);
  db?.close();
  db = runner = undefined;
});

async function servingOn(fetchModel: typeof fetch, settings: Partial<WorkerSettings> = {}) {
  db = openDatabase(tempDbPath());
  const runtime = createOpenAIRuntime({
    apiKey: 'sk-test',
    model: 'gpt-4o-mini',
    maxRetries: 0,
    fetch: fetchModel,
  });
  const store = new SqliteInboundQueue(db);
  let sent = 0;
  const worker = createWorker({
    queue: store,
    turns: new SqliteConversationStore(db),
    channel: whatsappChannel,
    pipeline: {
      // Intents, then the reply: two SDK calls on the turn's signal.
      async runTurn(request) {
        const messages = [{ role: 'user' as const, content: request.message }];
        const task = { name: 'soak', input: request.message };
        await runtime.generate({ task, messages, output: INTENTS_OUTPUT, signal: request.signal });
        const reply = await runtime.generate({ task, messages, signal: request.signal });
        return turnResult(request, reply.text);
      },
    },
    sender: { send: () => Promise.resolve(`SM${String(++sent).padStart(32, '0')}`) },
    waiters: new ReplyWaiters(),
    metrics: createServeMetrics(store),
    logger: silentLogger,
    // The default turn timeout: a timer per turn that outlives the turn would hold its memory for 90 s.
    settings: {
      maxAttempts: 2,
      retryBaseMs: 5,
      retryMaxMs: 20,
      turnTimeoutMs: 90_000,
      sendRetryWindowMs: 0,
      ...settings,
    },
  });
  runner = new QueueRunner(store, worker, { concurrency: 4, logger: silentLogger });
  await runner.start();
  let received = 0;
  const receive = (customers: number) => {
    received += 1;
    const from = `whatsapp:+5215560${String(received % customers).padStart(6, '0')}`;
    const sid = `SM${String(received).padStart(32, '0')}`;
    void store.enqueue({
      channel: 'whatsapp',
      externalId: sid,
      trackingId: `t_${sid.slice(-12)}`,
      conversationId: conversationIdFor({ From: from }),
      from,
      to: SANDBOX,
      body: 'Hola',
      payload: { MessageSid: sid, From: from, To: SANDBOX, Body: 'Hola' },
    });
  };
  return { store, receive, sentCount: () => sent };
}

describe('kavak serve over a long run (openai runtime, real SDK)', { timeout: 300_000 }, () => {
  it('keeps the heap flat over 20,000 messages', async () => {
    const serving = await servingOn(inProcessModel());
    const total = Number(process.env.KAVAK_SOAK_MESSAGES ?? 20_000);
    const checkpoints: { messages: number; heapMb: number }[] = [];
    for (let done = 0; done < total;) {
      // A batch of 40 customers at a time, then wait for every reply.
      for (let i = 0; i < 1_000; i++) serving.receive(40);
      done += 1_000;
      await eventually(() => serving.sentCount() >= done, 60_000, `${done} replies`);
      if (done % 4_000 === 0) checkpoints.push({ messages: done, heapMb: heapAfterGc() / 2 ** 20 });
    }
    expect(await serving.store.countsByStatus()).toMatchObject({
      replied: total,
      processing: 0,
      received: 0,
    });
    // Leaking ~3.4 KB a message grows the heap by ~50 MB between the first and last checkpoint.
    const growthMb = checkpoints.at(-1)!.heapMb - checkpoints[0]!.heapMb;
    expect(growthMb, JSON.stringify(checkpoints)).toBeLessThan(10);
  });

  it('still times a stalled turn out after garbage collections', async () => {
    const serving = await servingOn(inProcessModel({ hang: true }), { turnTimeoutMs: 300, maxAttempts: 1 });
    serving.receive(1);
    const collecting = setInterval(gc, 20);
    try {
      const [message] = await eventually(
        async () => {
          const all = await serving.store.list();
          return all[0]?.status === 'failed' ? all : undefined;
        },
        10_000,
        'the stalled turn to time out',
      );
      expect(message!.error).toMatch(/did not finish within 300 ms/);
      expect(message!.reply?.kind).toBe('fallback');
    } finally {
      clearInterval(collecting);
    }
  });
});
