import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

/** Issue 10, round 3: a question about a car in the middle of booking a visit. */
describe('a visit being booked, with a question about the car in the same message', () => {
  it('captures the branch, confirms the booking and answers the question', async () => {
    const { pipeline, store } = await createTestPipeline();
    const conversationId = 'booking-branch';
    await pipeline.runTurn({ conversationId, message: 'hola me interesa la bmw x1' });
    await pipeline.runTurn({
      conversationId,
      message: 'la quiero ir a ver el viernes a las 5, me llamo Sofia',
    });
    const { reply } = await pipeline.runTurn({
      conversationId,
      message: 'sale, en la de Antara. oye y cuantos km tiene?',
    });
    expect(reply).toMatch(/41,610 km/);
    expect(reply).toMatch(/\$412,999\.00/);
    expect(reply).toMatch(/Registré tu solicitud de una visita .*sede Antara/);
    expect(await store.leads(conversationId)).toEqual([
      expect.objectContaining({ branch: 'Antara', name: 'Sofia', stockId: '325111' }),
    ]);
  });

  it('takes the day given and asks the next missing item while answering the question', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'booking-time';
    await pipeline.runTurn({ conversationId, message: 'me late el versa 2020' });
    await pipeline.runTurn({ conversationId, message: 'lo quiero pasar a ver, soy Beto' });
    const { reply } = await pipeline.runTurn({
      conversationId,
      message: 'el domingo temprano. y es automatico?',
    });
    expect(reply).toMatch(/transmisión automática/);
    expect(reply).toMatch(/una visita del Nissan Versa 2020.*el domingo temprano/);
    expect(reply).toMatch(/en qué ciudad estás/);
  });
});
