import { describe, expect, it } from 'vitest';
import type { Exchange } from './customer.js';
import { PersonaSchema } from './persona.js';
import { createScriptedCustomer } from './scripted-customer.js';

const persona = (impatience: 'low' | 'medium' | 'high') =>
  PersonaSchema.parse({
    id: 'p',
    goal: 'una camioneta',
    budget: 350000,
    city: 'Monterrey',
    wants: { bodyType: 'suv', visit: true },
    style: { impatience, accents: false },
    success: { description: 'visita registrada', agentMentions: ['registré'] },
  });

/** Plays the customer against an agent that always answers `reply`, until it stops. */
async function playAgainst(reply: string, impatience: 'low' | 'medium' | 'high') {
  const customer = createScriptedCustomer(persona(impatience), 1);
  const transcript: Exchange[] = [];
  for (let i = 0; i < 10; i++) {
    const move = await customer.next(transcript);
    if (!move.ok) throw new Error(move.error);
    if (move.turn.status !== 'continue') return { transcript, last: move.turn };
    transcript.push({ customer: move.turn.message, agent: reply });
  }
  throw new Error('the customer never stopped');
}

describe('the scripted customer', () => {
  it('asks again while its patience lasts, then gives up saying what it did not get', async () => {
    const useless = 'Claro, con gusto.';
    const impatient = await playAgainst(useless, 'high');
    expect(impatient.transcript).toHaveLength(1);
    expect(impatient.last).toMatchObject({ status: 'gave_up' });
    expect(impatient.last.reason).toMatch(/did not give cars under 350 mil/);
    const patient = await playAgainst(useless, 'low');
    // A greeting (always answered), then the search asked three times.
    expect(patient.transcript).toHaveLength(4);
    expect(patient.transcript[2]!.customer).toMatch(/^(Perdon|Oiga|Me ayuda)/);
  });

  it('does not call it a success when every move is answered but the success words never came', async () => {
    const vague =
      'Tenemos varias: $300,000 la primera. Con gusto te agendo una visita en la sede, dime tu nombre.';
    const result = await playAgainst(vague, 'medium');
    expect(result.last.status).toBe('gave_up');
    expect(result.last.reason).toMatch(/no reply said what success needs/);
  });
});
