import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';
import { maxPriceForMonthly, minimumDownPayment, planFinancing } from '../../src/tools/financing.js';
import { formatMXN, pesosToCents } from '../../src/tools/money.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

const catalog = await loadCatalog(join(packageRoot(), 'data/catalog.csv'));
/** The stock ids a reply lists, in order. */
const listedIds = (reply: string) => [...reply.matchAll(/\(ID (\d+)\)/g)].map((m) => m[1]!);
const car = (id: string) => catalog.byStockId(id)!;

describe('ordering and superlatives on the offline runtime', () => {
  it('picks the newest of the cars just shown, without a new search', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'newest-of-shown';
    const list = await pipeline.runTurn({ conversationId, message: 'q nissan tienen disponibles' });
    const shown = list.profile.lastRecommended;
    expect(shown.length).toBeGreaterThan(1);
    const newest = [...shown].sort((a, b) => car(b).year - car(a).year || car(a).km - car(b).km)[0]!;

    const pick = await pipeline.runTurn({ conversationId, message: 'entre estos cual esta mas nuevecito?' });
    expect(pick.intents[0]?.entities).toMatchObject({ sortBy: 'year_desc', scope: 'shown' });
    expect(listedIds(pick.reply)).toEqual([newest]);
    expect(pick.profile.carUnderDiscussion).toBe(newest);
    expect(pick.profile.lastRecommended).toEqual(shown);
  });

  it('orders the whole catalog by what was asked: fewest km, biggest, cheapest first', async () => {
    const { pipeline } = await createTestPipeline();
    const fewestKm = await pipeline.runTurn({ message: 'cual es el de menor kilometraje q manejan?' });
    expect(listedIds(fewestKm.reply)).toEqual([
      catalog.search({ sort: 'km_asc', limit: 1 }).cars[0]!.stockId,
    ]);

    const biggest = await pipeline.runTurn({ message: 'necesito el carro mas amplio que haya' });
    expect(listedIds(biggest.reply)[0]).toBe('324711'); // Frontier: largest largo × ancho × alto
    expect(biggest.reply).toMatch(/largo × ancho × alto/);

    const cheap = await pipeline.runTurn({ message: 'ando buscando unos autos baratos' });
    const prices = listedIds(cheap.reply).map((id) => car(id).priceCents);
    expect(prices.length).toBe(3);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices[0]).toBe(Math.min(...catalog.cars.map((c) => c.priceCents)));
  });

  it('keeps the order asked for on the next lists of the conversation', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'order-stays';
    await pipeline.runTurn({ conversationId, message: 'me interesa algo baratito' });
    const automatic = await pipeline.runTurn({ conversationId, message: 'y automaticos?' });
    const cars = listedIds(automatic.reply).map(car);
    expect(cars.length).toBe(3);
    expect(cars.every((c) => c.transmission === 'automatic')).toBe(true);
    const prices = cars.map((c) => c.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const cheapestAutomatic = Math.min(
      ...catalog.cars.filter((c) => c.transmission === 'automatic').map((c) => c.priceCents),
    );
    expect(prices[0]).toBe(cheapestAutomatic);
  });

  it('keeps "¿hay otro más barato?" as cheaper than the cheapest shown', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'cheaper-than-shown';
    const list = await pipeline.runTurn({ conversationId, message: 'tienen mazda 3?' });
    const cheapestShown = Math.min(...list.profile.lastRecommended.map((id) => car(id).priceCents));
    const cheaper = await pipeline.runTurn({ conversationId, message: 'hay otro mas barato?' });
    expect(cheaper.intents[0]?.entities).toMatchObject({ cheaper: true, sortBy: null });
    for (const id of listedIds(cheaper.reply)) expect(car(id).priceCents).toBeLessThan(cheapestShown);
  });
});

describe('affordability on the offline runtime', () => {
  it('gives the highest price that fits and the cars under it, each with its payment', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({
      message: 'si doy 50 mil de enganche y pago 6 mil mensuales a 4 años, que carro me alcanza?',
    });
    expect(result.intents.map((i) => i.type)).toEqual(['car_recommendation']);
    const found = maxPriceForMonthly({
      targetMonthlyCents: pesosToCents(6000),
      termYears: 4,
      downPayment: { kind: 'amount', cents: pesosToCents(50000) },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(result.reply).toContain(formatMXN(found.affordable.maxPriceCents));
    const ids = listedIds(result.reply);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(car(id).priceCents).toBeLessThanOrEqual(found.affordable.maxPriceCents);
      const plan = planFinancing({
        priceCents: car(id).priceCents,
        downPaymentCents: pesosToCents(50000),
        termYears: 4,
      });
      expect(plan.ok && plan.plan.monthlyPaymentCents).toBeLessThanOrEqual(pesosToCents(6000));
      expect(result.reply).toContain(formatMXN(plan.ok ? plan.plan.monthlyPaymentCents : 0));
    }
  });

  it('says which defaults it assumed when the term and down payment are missing', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({ message: 'para q me alcanza con 3500 al mes?' });
    const found = maxPriceForMonthly({
      targetMonthlyCents: pesosToCents(3500),
      termYears: 6,
      downPayment: { kind: 'minimum' },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(result.reply).toContain(formatMXN(found.affordable.maxPriceCents));
    expect(result.reply).toMatch(/Supuse/);
    expect(result.reply).toMatch(/72 meses/);
    expect(result.reply).toMatch(/enganche mínimo/);
    const first = listedIds(result.reply)[0]!;
    expect(result.reply).toContain(formatMXN(minimumDownPayment(car(first).priceCents)));
  });
});
