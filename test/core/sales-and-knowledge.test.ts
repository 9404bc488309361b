import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

describe('sales flow and knowledge routing on the offline runtime', () => {
  it('keeps name, day, time and a shortened branch given in one message, and records the lead', async () => {
    const { pipeline, store } = await createTestPipeline();
    const conversationId = 'one-message';
    await pipeline.runTurn({ conversationId, message: 'tienen el corolla 2020?' });
    await pipeline.runTurn({ conversationId, message: 'me late, quiero ir a verlo, ando en cdmx' });
    const done = await pipeline.runTurn({
      conversationId,
      message: 'soy Marisol, el jueves a las 6 en la de pedregal',
    });
    expect(done.reply).toMatch(/Marisol/);
    expect(done.reply).toMatch(/Artz Pedregal/);
    expect(done.reply).toMatch(/jueves a las 6/);
    expect((await store.leads(conversationId))[0]).toMatchObject({
      name: 'Marisol',
      branch: 'Artz Pedregal',
      stockId: '305016',
    });
  });

  it('gives the hours of the customer own city, never the one branch with published hours', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'hours';
    await pipeline.runTurn({ conversationId, message: 'vivo en guadalajara' });
    const result = await pipeline.runTurn({ conversationId, message: 'a q hora abren el sabado?' });
    expect(result.reply).toMatch(/Midtown/);
    expect(result.reply).not.toMatch(/Explanada|9:00/);
  });

  it('applies the return window to the days the customer has had the car', async () => {
    const { pipeline } = await createTestPipeline();
    const late = await pipeline.runTurn({
      message: 'me lo entregaron hace 9 dias, todavia lo puedo devolver?',
    });
    expect(late.reply).toMatch(/7 días o 300 km/);
    expect(late.reply).toMatch(/ya no aplica/);
    const early = await pipeline.runTurn({ message: 'lo tengo hace 3 dias, lo puedo devolver?' });
    expect(early.reply).toMatch(/dentro del periodo/);
  });

  it('says the amount of an apartado is not published and offers an advisor, with no figure', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({ message: 'cuanto hay que dejar para apartar un carro?' });
    expect(result.reply).toMatch(/no tengo ese dato/i);
    expect(result.reply).toMatch(/asesor/);
    expect(result.reply).not.toMatch(/\$\s?\d|\d+\s*mil/);
  });

  it('records a visit with home delivery when the customer asks to have the car brought home', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'home';
    await pipeline.runTurn({ conversationId, message: 'quiero hacer prueba de manejo del versa 2020' });
    const asked = await pipeline.runTurn({ conversationId, message: 'me lo traen a mi casa?' });
    expect(asked.reply).toMatch(/domicilio/);
    const done = await pipeline.runTurn({
      conversationId,
      message: 'Me llamo Irma, estoy en Puebla, el martes temprano',
    });
    expect(done.reply).toMatch(/Irma.*domicilio/s);
    expect(done.reply).not.toMatch(/qué sede/);
  });
});

describe('a follow-up naming another branch (found by the blind set)', () => {
  it('keeps asking about opening hours: "y Nuevo Sur?" after the hours of Monterrey', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'hours-follow-up';
    await pipeline.runTurn({ conversationId, message: 'a que hora abren en monterrey' });
    const { reply } = await pipeline.runTurn({ conversationId, message: 'y Nuevo Sur?' });
    expect(reply).toMatch(/horario de la sede Nuevo Sur/);
    expect(reply).toMatch(/asesor/);
  });
});
