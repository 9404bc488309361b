import { describe, expect, it } from 'vitest';
import { readTwimlMessages, twimlResponse } from './twiml.js';

describe('TwiML', () => {
  it('round-trips messages with XML special characters', () => {
    const messages = ['Precio: $250,000 <MXN> & "enganche" 20%', '¿Te agendo una cita?'];
    const xml = twimlResponse(messages);
    expect(xml).toContain('<Response><Message>');
    expect(readTwimlMessages(xml)).toEqual(messages);
    expect(readTwimlMessages(twimlResponse())).toEqual([]);
  });
});
