import { describe, expect, it } from 'vitest';
import { readTwimlMessages, twimlResponse, TwimlWaiters } from './twiml.js';

describe('TwiML', () => {
  it('round-trips messages with XML special characters', () => {
    const messages = ['Precio: $250,000 <MXN> & "enganche" 20%', '¿Te agendo una cita?'];
    const xml = twimlResponse(messages);
    expect(xml).toContain('<Response><Message>');
    expect(readTwimlMessages(xml)).toEqual(messages);
    expect(readTwimlMessages(twimlResponse())).toEqual([]);
  });

  it('hands a reply to a waiting request once; past the deadline there is no one to take it', async () => {
    const waiters = new TwimlWaiters();
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
