import pg from 'pg';
import type { InboundQueue } from '../../src/core/ports/inbound-queue.js';
import { percentile } from '../harness/stats.js';

export interface QueueOverhead {
  engine: 'postgres' | 'sqlite';
  messages: number;
  enqueueToClaimP50Ms: number;
  enqueueToClaimP99Ms: number;
  /** Wall time inside queue calls (enqueue, claim, saveReply, finish) per message. */
  dbMsPerMessage: number;
  /** Every statement pg sent during the run over the messages (null on SQLite). */
  statementsPerMessage: number | null;
}

type Query = (this: unknown, ...args: unknown[]) => unknown;

/** Counts every query any pg client in this process sends until stop(). */
function countStatements(): { count: () => number; stop: () => void } {
  let count = 0;
  const prototype = pg.Client.prototype as unknown as Record<'query', Query>;
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  return { count: () => count, stop: () => void (prototype.query = original) };
}

async function openQueues(
  engine: QueueOverhead['engine'],
  url: string,
): Promise<{ producer: InboundQueue; consumer: InboundQueue; close: () => Promise<void> }> {
  if (engine === 'postgres') {
    const { PostgresInboundQueue } = await import('../../src/store/postgres/inbound-queue.js');
    // Two adapters, as two replicas: one stores, the other is woken (NOTIFY) and claims.
    const producer = await PostgresInboundQueue.open({ connectionString: url });
    const consumer = await PostgresInboundQueue.open({ connectionString: url });
    return {
      producer,
      consumer,
      close: async () => void (await Promise.all([producer.close(), consumer.close()])),
    };
  }
  const [{ openDatabase }, { SqliteInboundQueue }] = await Promise.all([
    import('../../src/store/sqlite/database.js'),
    import('../../src/store/sqlite/inbound-queue.js'),
  ]);
  // SQLite serves one replica: one process stores and claims (its wake-ups are in-process).
  const db = openDatabase(url);
  const queue = new SqliteInboundQueue(db);
  return {
    producer: queue,
    consumer: queue,
    close: async () => {
      await queue.close();
      db.close();
    },
  };
}

/**
 * The queue's own cost per message, without HTTP or a model: messages stored one at a time
 * (~50/s), claimed as the consumer is woken, answered and finished at once.
 */
export async function measureQueueOverhead(
  engine: QueueOverhead['engine'],
  options: { url: string; messages: number },
): Promise<QueueOverhead> {
  const { producer, consumer, close } = await openQueues(engine, options.url);
  let dbMs = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      dbMs += performance.now() - started;
    }
  };
  const enqueuedAt = new Map<string, number>();
  const latencies: number[] = [];
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  let pumping = false;
  let again = false;
  const pump = async (): Promise<void> => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const claimed = await timed(() => consumer.claim('bench-consumer', 16));
        const now = performance.now();
        for (const { message, lease } of claimed) {
          latencies.push(now - (enqueuedAt.get(message.externalId) ?? now));
          await timed(() => consumer.saveReply(lease, { text: 'ok', parts: ['ok'], kind: 'answer' }));
          await timed(() => consumer.finish(lease, 'push'));
        }
        if (claimed.length > 0) again = true;
      } while (again);
    } finally {
      pumping = false;
    }
    if (latencies.length >= options.messages) allDone();
  };
  const statements = engine === 'postgres' ? countStatements() : undefined;
  const unsubscribe = consumer.onWork(() => void pump().catch(() => undefined));
  const poll = setInterval(() => void pump().catch(() => undefined), 250);
  try {
    for (let i = 0; i < options.messages; i++) {
      const sid = `SMoverhead${String(i).padStart(8, '0')}`;
      enqueuedAt.set(sid, performance.now());
      await timed(() =>
        producer.enqueue({
          channel: 'whatsapp',
          externalId: sid,
          trackingId: `t_overhead_${i}`,
          conversationId: `wa_overhead_${i}`,
          from: `whatsapp:+5215${String(i).padStart(9, '0')}`,
          to: 'whatsapp:+14155238886',
          body: 'hola',
          payload: {},
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.race([
      done,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('queue overhead: not every message was claimed in 60 s')), 60_000),
      ),
    ]);
  } finally {
    clearInterval(poll);
    unsubscribe();
    statements?.stop();
    await close();
  }
  return {
    engine,
    messages: options.messages,
    enqueueToClaimP50Ms: percentile(latencies, 50),
    enqueueToClaimP99Ms: percentile(latencies, 99),
    dbMsPerMessage: dbMs / options.messages,
    statementsPerMessage: statements ? statements.count() / options.messages : null,
  };
}
