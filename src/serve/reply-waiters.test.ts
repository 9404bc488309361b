import { describe, expect, it } from 'vitest';
import { ReplyWaiters } from './reply-waiters.js';

const key = (externalId: string) => ({ channel: 'whatsapp', externalId });

describe('ReplyWaiters', () => {
  it('hands a reply to a waiting request once; past the deadline there is no one to take it', async () => {
    const waiters = new ReplyWaiters();
    const answered = await waiters.expect(key('SM1'), 1_000);
    expect(await waiters.expect(key('SM1'), 1_000)).toBeUndefined(); // one request waits per message
    expect(await waiters.offer(key('SM1'), ['hola'])).toBe(true);
    expect(await answered!.reply).toEqual(['hola']);
    expect(await waiters.offer(key('SM1'), ['hola'])).toBe(false);

    const late = await waiters.expect(key('SM2'), 20);
    expect(await late!.reply).toBeNull();
    expect(await waiters.offer(key('SM2'), ['tarde'])).toBe(false);
    expect(waiters.size).toBe(0);
  });
});
