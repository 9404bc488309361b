import { describe, expect, it } from 'vitest';
import { ReplyWaiters } from './reply-waiters.js';

describe('ReplyWaiters', () => {
  it('hands a reply to a waiting request once; past the deadline there is no one to take it', async () => {
    const waiters = new ReplyWaiters();
    const answered = waiters.wait('SM1', 1_000);
    waiters.take('SM1')?.(['hola']);
    expect(await answered).toEqual(['hola']);
    expect(waiters.take('SM1')).toBeUndefined();

    const late = waiters.wait('SM2', 20);
    expect(await late).toBeNull();
    expect(waiters.take('SM2')).toBeUndefined();
    expect(waiters.size).toBe(0);
  });
});
