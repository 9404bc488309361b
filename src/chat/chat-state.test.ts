import { describe, expect, it } from 'vitest';
import { applyEvent, startTurn, streamedText } from './chat-state.js';

describe('applyEvent', () => {
  it('follows a turn: intents, agents, tools, then streamed text per agent', () => {
    let pending = startTurn('hola, busco un Versa');
    pending = applyEvent(pending, { type: 'agent_start', trackingId: 't', agent: 'greeting' });
    expect(pending.activity).toBe('greeting agent working');
    pending = applyEvent(pending, { type: 'agent_start', trackingId: 't', agent: 'cars' });
    pending = applyEvent(pending, { type: 'reply_delta', trackingId: 't', agent: 'cars', text: 'Tengo ' });
    pending = applyEvent(pending, {
      type: 'reply_delta',
      trackingId: 't',
      agent: 'greeting',
      text: '¡Hola!',
    });
    const before = pending;
    pending = applyEvent(pending, { type: 'reply_delta', trackingId: 't', agent: 'cars', text: 'un Versa.' });
    expect(pending.agents).toEqual(['greeting', 'cars']);
    // Agents that write at the same time do not interleave their words.
    expect(streamedText(pending)).toBe('Tengo un Versa.\n\n¡Hola!');
    // Never mutated: the earlier state still holds what had arrived then.
    expect(before.streamed[0]?.text).toBe('Tengo ');
  });
});
