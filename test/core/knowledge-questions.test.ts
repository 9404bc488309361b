import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

/** Issue 10, round 3: knowledge questions asked together, by verb, or as a vague follow-up. */
describe('questions about Kavak on the offline runtime', () => {
  it('answers the part it knows and says which part it does not, in one reply', async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({
      message: 'oigan la tasa de cuanto es?? aparte cobran algo de comision',
    });
    expect(reply).toMatch(/Tasa de interés anual del 10%/);
    expect(reply).toMatch(/comisi[oó]n(es)?: No tengo ese dato/i);
    expect(reply).toMatch(/asesor/);
  });

  it('does not read interest-free months as a question about the rate', async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({ message: 'y manejan msi o como' });
    expect(reply).toMatch(/No tengo ese dato/);
    expect(reply).not.toMatch(/10%/);
  });

  it.each([
    ['y q tanto le checan al motor antes de venderlo?', /inspección completa de exterior, interior y motor/],
    ['y como le hago para venderle mi coche a ustedes', /Kavak también compra tu auto/],
    ['y si me arrepiento ya que lo tenga?', /7 días o 300 km/],
    ['oigan ustedes me comprarian mi camioneta?? como le hago', /Kavak también compra tu auto/],
  ])('finds the topic a verb names: %s', async (message, expected) => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({ message });
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(/no te puedo ayudar|plan de pagos en menos de 2 minutos/);
  });

  it('reads an imagined purchase as a question about the policy, not as a sale', async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({
      message: 'oye y si lo compro y a los dias ya no me late, q pasa?',
    });
    expect(reply).toMatch(/7 días o 300 km/);
    expect(reply).not.toMatch(/Para registrarlo|tu nombre/);
  });

  it("reads how Kavak pays for the customer's car as part of selling it", async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({ message: 'me compran mi coche en efectivo?' });
    expect(reply).toMatch(/Pago inmediato/);
    expect(reply).not.toMatch(/Haces tu solicitud/);
  });

  it('keeps the topic of the last answer for a vague follow-up', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'vague';
    await pipeline.runTurn({ conversationId, message: 'sus autos ya vienen inspeccionados?' });
    const { reply } = await pipeline.runTurn({ conversationId, message: 'ah ok y eso como es entonces' });
    expect(reply).toMatch(/inspección/);
    expect(reply).not.toMatch(/no te puedo ayudar|agendar|tu nombre/);
  });
});
