/**
 * What every inbound queue adapter must do, run against each (like the AI SDK's provider
 * spec): the SQLite file and PostgreSQL with pg-boss. "Replicas" are separate adapter
 * instances on one store, as separate `kavak serve` processes would be. Waits are for
 * conditions (with a bound), never for a fixed time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  LeaseLostError,
  type ClaimedMessage,
  type InboundQueue,
  type NewInboundMessage,
} from '../../src/core/ports/inbound-queue.js';
import { eventually } from '../helpers/eventually.js';

export interface QueueFixture {
  /** `count` adapter instances on one fresh, empty store. */
  replicas(count: number): Promise<InboundQueue[]>;
  /** The lease the replicas were made with (the shortest the engine allows). */
  leaseMs: number;
  /** How long past a lease's end the engine may take to notice it (a monitor's interval). */
  expirySlackMs: number;
  /** Retries are due no sooner than this (the engine's timer granularity). */
  retryDelayMs: number;
  close(): Promise<void>;
}

export function message(conversation: string, n: number, channel = 'whatsapp'): NewInboundMessage {
  const externalId = `SM${conversation}${String(n).padStart(4, '0')}`;
  return {
    channel,
    externalId,
    trackingId: `t_${channel}_${externalId}`,
    conversationId: `wa_${conversation}`,
    from: `whatsapp:+52155${conversation.padStart(8, '0')}`,
    to: 'whatsapp:+14155238886',
    body: `mensaje ${n}`,
    payload: { MessageSid: externalId, Extra: 'kept' },
  };
}

export function inboundQueueContract(name: string, makeFixture: () => Promise<QueueFixture>): void {
  describe(`inbound queue contract: ${name}`, () => {
    let fixture: QueueFixture | undefined;
    let queues: InboundQueue[] = [];
    const setUp = async (count: number) => {
      fixture = await makeFixture();
      queues = await fixture.replicas(count);
      return { fixture, queues };
    };
    afterEach(async () => {
      for (const queue of queues) await queue.close();
      await fixture?.close();
      fixture = undefined;
      queues = [];
    });

    it('stores a (channel, external id) once: a duplicate inserts nothing and returns the first', async () => {
      const {
        queues: [a, b],
      } = await setUp(2);
      const first = await a!.enqueue(message('a1', 1));
      expect(first.inserted).toBe(true);
      const again = await b!.enqueue({ ...message('a1', 1), body: 'otro texto', trackingId: 't_other' });
      expect(again).toMatchObject({
        inserted: false,
        message: { id: first.message.id, body: 'mensaje 1', status: 'received', payload: { Extra: 'kept' } },
      });
      // The same id in another channel is another message.
      expect((await a!.enqueue({ ...message('a1', 1, 'telegram'), trackingId: 't_tg' })).inserted).toBe(true);
      expect(await a!.list()).toHaveLength(2);
      expect(await a!.countsByStatus()).toEqual({ received: 2, processing: 0, replied: 0, failed: 0 });
    });

    it('across two replicas keeps each customer in order with one message in flight', async () => {
      const { queues: replicas } = await setUp(2);
      const customers = ['c1', 'c2', 'c3', 'c4'];
      for (let n = 0; n < 5; n++) for (const c of customers) await replicas[n % 2]!.enqueue(message(c, n));
      const inFlight = new Map<string, number>();
      const answered: string[] = [];
      let overlap = 0;
      const work = async (queue: InboundQueue, workerId: string) => {
        while (answered.length < 20) {
          const claimed = await queue.claim(workerId, 3);
          await Promise.all(
            claimed.map(async ({ message: m, lease }) => {
              const running = (inFlight.get(m.conversationId) ?? 0) + 1;
              if (running > 1) overlap += 1;
              inFlight.set(m.conversationId, running);
              await new Promise((resolve) => setTimeout(resolve, 5));
              await queue.saveReply(lease, { text: 'ok', parts: ['ok'], kind: 'answer' });
              inFlight.set(m.conversationId, (inFlight.get(m.conversationId) ?? 1) - 1);
              await queue.finish(lease, 'push');
              answered.push(m.externalId);
            }),
          );
          if (claimed.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      await Promise.race([
        Promise.all([work(replicas[0]!, 'replica-a'), work(replicas[1]!, 'replica-b')]),
        eventually(() => Promise.resolve(false), 30_000, 'both replicas to answer 20 messages'),
      ]);
      expect(overlap).toBe(0);
      for (const c of customers)
        expect(answered.filter((sid) => sid.startsWith(`SM${c}`))).toEqual(
          [0, 1, 2, 3, 4].map((n) => message(c, n).externalId),
        );
      expect(await replicas[0]!.countsByStatus()).toEqual({
        received: 0,
        processing: 0,
        replied: 20,
        failed: 0,
      });
    });

    it("recovers a dead replica's claim on another replica once its lease runs out, with the reply saved so far", async () => {
      const {
        fixture,
        queues: [dead, alive],
      } = await setUp(2);
      await dead!.enqueue(message('d1', 1));
      await dead!.enqueue(message('d1', 2));
      const [claimed] = await dead!.claim('dead-replica', 5);
      expect(claimed).toMatchObject({ message: { externalId: message('d1', 1).externalId, attempts: 1 } });
      await dead!.saveReply(claimed!.lease, { text: 'uno\n\ndos', parts: ['uno', 'dos'], kind: 'answer' });
      await dead!.recordSentPart(claimed!.lease, 'SMpart1');
      // The dead replica never heartbeats again.
      const started = Date.now();
      const taken = await eventually(
        async () => (await alive!.claim('alive-replica', 5))[0],
        fixture.leaseMs * 3 + fixture.expirySlackMs,
        'the other replica to take the message over',
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(fixture.leaseMs * 0.5);
      expect(taken).toMatchObject({
        recovered: true,
        message: {
          externalId: message('d1', 1).externalId,
          attempts: 2,
          reply: { parts: ['uno', 'dos'], kind: 'answer' },
          sentPartIds: ['SMpart1'],
        },
      });
      // The old lease writes nothing any more.
      await expect(dead!.recordSentPart(claimed!.lease, 'SMzombie')).rejects.toSatisfy((error) =>
        LeaseLostError.is(error),
      );
      expect(await dead!.heartbeat([claimed!.lease])).toEqual([claimed!.lease]);
      await alive!.finish(taken.lease, 'push');
      expect((await alive!.get(taken.message.id))?.sentPartIds).toEqual(['SMpart1']);
      expect((await alive!.claim('alive-replica', 5))[0]?.message.externalId).toBe(
        message('d1', 2).externalId,
      );
    });

    it('never takes a message whose lease is kept alive by heartbeats', async () => {
      const {
        fixture,
        queues: [owner, other],
      } = await setUp(2);
      await owner!.enqueue(message('l1', 1));
      const [claimed] = await owner!.claim('owner', 1);
      const started = Date.now();
      let beats = 0;
      let stolen: ClaimedMessage | undefined;
      // Until the lease would have run out twice over without the heartbeats.
      await eventually(
        async () => {
          expect(await owner!.heartbeat([claimed!.lease])).toEqual([]);
          beats += 1;
          stolen ??= (await other!.claim('other', 5))[0];
          return Date.now() - started > 2 * fixture.leaseMs + fixture.expirySlackMs && beats > 3;
        },
        4 * fixture.leaseMs + 2 * fixture.expirySlackMs + 10_000,
        'two lease lengths of heartbeats',
      );
      expect(stolen).toBeUndefined();
      await owner!.finish(claimed!.lease, 'push');
      expect((await other!.get(claimed!.message.id))?.status).toBe('replied');
    });

    it("retries with backoff keep the customer's order; other customers go on meanwhile", async () => {
      const {
        fixture,
        queues: [a, b],
      } = await setUp(2);
      await a!.enqueue(message('r1', 1));
      await a!.enqueue(message('r1', 2));
      const [first] = await a!.claim('a', 1);
      await a!.retry(first!.lease, 'model 429', new Date(Date.now() + fixture.retryDelayMs));
      await b!.enqueue(message('r2', 1));
      // Only the other customer is claimable while r1's head waits.
      const meanwhile = await b!.claim('b', 5);
      expect(meanwhile.map((c) => c.message.externalId)).toEqual([message('r2', 1).externalId]);
      await b!.finish(meanwhile[0]!.lease, 'push');
      const retried = await eventually(
        async () => (await b!.claim('b', 5))[0],
        fixture.retryDelayMs + fixture.expirySlackMs + 10_000,
        'the retry to come due',
      );
      expect(retried.message).toMatchObject({
        externalId: message('r1', 1).externalId,
        attempts: 2,
        error: 'model 429',
      });
      expect(retried.recovered).toBe(false);
      await b!.finish(retried.lease, 'push');
      expect((await a!.claim('a', 5))[0]?.message.externalId).toBe(message('r1', 2).externalId);
    });

    it('ends a message for good: a fallback finishes failed, fail() keeps the reason, the next one follows', async () => {
      const {
        queues: [a],
      } = await setUp(1);
      await a!.enqueue(message('f1', 1));
      await a!.enqueue(message('f1', 2));
      await a!.enqueue(message('f1', 3));
      const [first] = await a!.claim('a', 5);
      await a!.saveReply(first!.lease, {
        text: 'disculpa',
        parts: ['disculpa'],
        kind: 'fallback',
        error: 'model 500',
      });
      await a!.finish(first!.lease, 'push');
      expect(await a!.get(first!.message.id)).toMatchObject({
        status: 'failed',
        error: 'model 500',
        reply: { kind: 'fallback' },
        delivery: 'push',
      });
      const [second] = await a!.claim('a', 5);
      await a!.fail(second!.lease, 'Twilio refused the number');
      expect(await a!.get(second!.message.id)).toMatchObject({
        status: 'failed',
        error: 'Twilio refused the number',
      });
      expect((await a!.claim('a', 5))[0]?.message.externalId).toBe(message('f1', 3).externalId);
      expect(await a!.countsByStatus()).toEqual({ received: 0, processing: 1, replied: 0, failed: 2 });
    });

    it('a release (drain) hands the message straight to another replica without counting the attempt', async () => {
      const {
        queues: [draining, other],
      } = await setUp(2);
      await draining!.enqueue(message('s1', 1));
      const [claimed] = await draining!.claim('draining', 1);
      await draining!.release(claimed!.lease);
      const [taken] = await eventually(
        async () => {
          const got = await other!.claim('other', 1);
          return got.length > 0 ? got : undefined;
        },
        10_000,
        'the released message',
      );
      expect(taken).toMatchObject({
        recovered: false,
        message: { externalId: message('s1', 1).externalId, attempts: 1 },
      });
      await expect(draining!.finish(claimed!.lease, 'push')).rejects.toSatisfy((error) =>
        LeaseLostError.is(error),
      );
    });

    it('wakes its listeners when a message arrives', async () => {
      const {
        queues: [a],
      } = await setUp(1);
      let woken = 0;
      const stop = a!.onWork(() => (woken += 1));
      await a!.enqueue(message('w1', 1));
      await eventually(() => Promise.resolve(woken > 0), 10_000, 'a wake-up');
      stop();
      await a!.ping();
      expect(await a!.sentPartIdsOfConversation('wa_w1')).toEqual([]);
    });
  });
}
