import { describe, expect, it } from 'vitest';
import { planFinancing, minimumDownPayment } from '../../src/tools/financing.js';
import { formatMXN } from '../../src/tools/money.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/tools/catalog/index.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

describe('questions about the car in focus, body types and comparisons (offline pipeline)', () => {
  it('compares the car picked with a garage length and says the figure', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'garage';
    await pipeline.runTurn({ conversationId: id, message: 'me interesa la touareg' });
    const reply = (
      await pipeline.runTurn({ conversationId: id, message: 'tengo un garage de 4.7 metros, si entra?' })
    ).reply;
    expect(reply).toContain('4,801 mm');
    expect(reply).toMatch(/No cabe/);
    expect(reply).not.toMatch(/no encontr/i);
  });

  it('states the price of the car in focus beside the answer to a question about it', async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({ message: 'y el mg5 cuanto sale? tiene carplay?' });
    expect(reply).toContain('$275,999.00');
    expect(reply).toMatch(/CarPlay/);
  });

  it('offers both readings of a cheap car "pal trabajo": a work vehicle and the cheapest to commute', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'work';
    const { reply } = await pipeline.runTurn({ conversationId: id, message: 'algo baratito pa la chamba' });
    expect(reply).toMatch(/pickups/);
    expect(reply).toContain('$138,999.00');
    // "de esos" then points at the last list, the cheap ones.
    const newest = await pipeline.runTurn({ conversationId: id, message: 'y cual de esos es el mas nuevo' });
    expect(newest.reply).not.toContain('Frontier');
  });

  it('ranks the cars just compared for "¿cuál es la más nueva y cuántos km tiene?"', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'rank-compared';
    await pipeline.runTurn({
      conversationId: id,
      message: 'q me conviene el versa 2020, el rio 2017 o el aveo 2016?',
    });
    const { reply } = await pipeline.runTurn({
      conversationId: id,
      message: 'cual es el mas nuevo y q km tiene',
    });
    expect(reply).toMatch(/Versa 2020/);
    expect(reply).toContain('45,837 km');
    expect(reply).not.toMatch(/Rio 2017[^\n]*km|Aveo 2016[^\n]*km/);
  });

  it('measures a later car against the garage given earlier', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'garage-later';
    await pipeline.runTurn({ conversationId: id, message: 'mi garage es de 4.6 m, cabe el jetta?' });
    const { reply } = await pipeline.runTurn({
      conversationId: id,
      message: 'y el corolla 2020, ese si cabria?',
    });
    // Corolla 2020: 4,650 mm long against 4,600 mm.
    expect(reply).toContain('4,650 mm');
    expect(reply).toMatch(/No cabe/);
  });

  it('says a value the catalog lacks is unknown, never "no encontré autos"', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'unknown';
    await pipeline.runTurn({ conversationId: id, message: 'q tal la avanza' });
    const reply = (await pipeline.runTurn({ conversationId: id, message: 'y si tiene carplay?' })).reply;
    expect(reply).toMatch(/no tengo ese dato/i);
    expect(reply).not.toMatch(/no encontr/i);
  });

  it('answers a question that names no car for each car of the list just shown', async () => {
    const { pipeline } = await createTestPipeline();
    const id = 'list';
    await pipeline.runTurn({ conversationId: id, message: 'mazda 3 del 2018 porfa' });
    const reply = (await pipeline.runTurn({ conversationId: id, message: 'son sedan o hatchback?' })).reply;
    expect(reply).toMatch(/323511\): Es un hatchback/);
    expect(reply).toMatch(/315464\): Es un sedán/);
  });

  it('searches by use and says what the use was read as', async () => {
    const { pipeline } = await createTestPipeline();
    const reply = (await pipeline.runTurn({ message: 'necesito algo para mi negocio, para cargar' })).reply;
    expect(reply).toMatch(/pickups y vans/);
    expect(reply).toContain('Frontier');
  });

  it('puts two named cars side by side with the monthly payment of the same plan', async () => {
    const { pipeline } = await createTestPipeline();
    const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);
    const reply = (await pipeline.runTurn({ message: 'el kicks contra el t-cross, cual me conviene?' }))
      .reply;
    for (const stockId of ['323668', '322474']) {
      const car = catalog.byStockId(stockId)!;
      const plan = planFinancing({
        priceCents: car.priceCents,
        downPaymentCents: minimumDownPayment(car.priceCents),
        termYears: 4,
      });
      expect(plan.ok).toBe(true);
      if (plan.ok) expect(reply).toContain(formatMXN(plan.plan.monthlyPaymentCents));
      expect(reply).toContain(formatMXN(car.priceCents));
    }
    expect(reply).toMatch(/48 meses/);
  });
});
