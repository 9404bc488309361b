import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite/database.js';
import { MessageStore, type NewInbound } from './message-store.js';

const inbound = (sid: string, conversationId: string, body = 'Hola'): NewInbound => ({
  messageSid: sid,
  trackingId: `t_${sid}`,
  conversationId,
  customer: `whatsapp:+52155500000${conversationId.slice(-2)}`,
  to: 'whatsapp:+14155238886',
  body,
  raw: { MessageSid: sid, Body: body, Extra: 'kept' },
});

describe('MessageStore (a real SQLite file)', () => {
  it('stores a MessageSid once: a duplicate inserts nothing and returns the first', () => {
    const store = new MessageStore(openDatabase(':memory:'));
    expect(store.insert(inbound('SM1', 'wa_a01')).inserted).toBe(true);
    const again = store.insert({ ...inbound('SM1', 'wa_a01', 'otro texto'), trackingId: 't_other' });
    expect(again.inserted).toBe(false);
    expect(again.record).toMatchObject({
      body: 'Hola',
      trackingId: 't_SM1',
      status: 'received',
      raw: { Extra: 'kept' },
    });
    expect(store.all()).toHaveLength(1);
  });

  it('claims only the oldest unfinished message of each customer, oldest customer first', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const store = new MessageStore(openDatabase(':memory:'), () => now);
    store.insert(inbound('A1', 'wa_a01'));
    store.insert(inbound('A2', 'wa_a01'));
    store.insert(inbound('B1', 'wa_b02'));

    expect(store.claimNext()?.messageSid).toBe('A1');
    expect(store.claimNext()?.messageSid).toBe('B1');
    expect(store.claimNext()).toBeUndefined(); // A2 waits behind A1

    store.retryAt('A1', '429', new Date('2025-01-01T00:00:10Z'));
    expect(store.claimNext()).toBeUndefined(); // A1 not due, and A2 still waits behind it
    expect(store.nextDueAt()?.toISOString()).toBe('2025-01-01T00:00:10.000Z');
    now = new Date('2025-01-01T00:00:11Z');
    expect(store.claimNext()).toMatchObject({ messageSid: 'A1', attempts: 2, error: '429' });

    store.saveReply('A1', { text: 'hola', parts: ['hola'], kind: 'answer' });
    store.addReplySid('A1', 'SMx');
    store.finish('A1', 'rest');
    expect(store.get('A1')).toMatchObject({
      status: 'replied',
      delivery: 'rest',
      replySids: ['SMx'],
      replyParts: ['hola'],
    });
    expect(store.claimNext()?.messageSid).toBe('A2');
  });

  it('after a crash requeues in-flight rows (the attempt counts); a shutdown release does not count it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kavak-msg-')), 'kavak.db');
    const first = new MessageStore(openDatabase(path));
    first.insert(inbound('A1', 'wa_a01'));
    first.insert(inbound('B1', 'wa_b02'));
    first.claimNext();
    first.claimNext();
    first.release('B1');

    const reopened = new MessageStore(openDatabase(path));
    expect(reopened.requeueInterrupted()).toBe(1);
    expect(reopened.all().map((m) => [m.messageSid, m.status, m.attempts])).toEqual([
      ['A1', 'received', 1],
      ['B1', 'received', 0],
    ]);
  });

  it('marks a fallback reply failed, keeping the reason, and counts by status', () => {
    const store = new MessageStore(openDatabase(':memory:'));
    store.insert(inbound('A1', 'wa_a01'));
    store.insert(inbound('B1', 'wa_b02'));
    store.claimNext();
    store.saveReply('A1', { text: 'disculpa', parts: ['disculpa'], kind: 'fallback', error: 'model 500' });
    store.finish('A1', 'rest');
    expect(store.get('A1')).toMatchObject({ status: 'failed', error: 'model 500', replyKind: 'fallback' });
    expect(store.countsByStatus()).toEqual({ received: 1, processing: 0, replied: 0, failed: 1 });
  });
});
