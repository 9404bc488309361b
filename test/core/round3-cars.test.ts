import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import { emptyEntities, type Intent } from '../../src/core/intents/schema.js';
import { ReplyTaskInputSchema } from '../../src/core/tasks.js';
import type { GenerateRequest } from '../../src/core/ports/language-model.js';
import { createScriptedRuntime } from '../../src/runtime/scripted.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';
import { maxPriceForMonthly } from '../../src/tools/financing.js';
import { formatMXN, pesosToCents } from '../../src/tools/money.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

const catalog = await loadCatalog(join(packageRoot(), 'data/catalog.csv'));
const car = (id: string) => catalog.byStockId(id)!;
const listedIds = (reply: string) => [...reply.matchAll(/\(ID (\d+)\)/g)].map((m) => m[1]!);

const intent = (entities: Partial<Intent['entities']> = {}): Intent => ({
  type: 'car_recommendation',
  confidence: 0.9,
  entities: { ...emptyEntities(), ...entities },
});

/** A model that reads these intents, one list per turn, and phrases every draft as it is. */
function modelSaying(...turns: Intent[][]) {
  let turn = 0;
  return createScriptedRuntime((request: GenerateRequest) =>
    request.task.name === 'intents'
      ? { intents: turns[Math.min(turn++, turns.length - 1)] }
      : ReplyTaskInputSchema.parse(request.task.input).draft,
  );
}

/** Issue 10 round 3: what the agents do with the entities a real model fills. */
describe('round 3 car agents, driven by the intent schema', () => {
  it('answers about the shown car an attribute points at, not the car in focus before', async () => {
    const { pipeline } = await createTestPipeline(
      modelSaying(
        [intent({ priceMin: 180_000, priceMax: 190_000, sortBy: 'price_desc' })],
        [intent({ shownReference: true, yearMin: 2016, yearMax: 2016, carQuestion: ['dimensions'] })],
      ),
    );
    const conversationId = 'r3-reference';
    const list = await pipeline.runTurn({ conversationId, message: 'lista' });
    const shown = list.profile.lastRecommended.map(car);
    const only2016 = shown.filter((c) => c.year === 2016);
    expect(only2016).toHaveLength(1);
    expect(list.profile.carUnderDiscussion).not.toBe(only2016[0]!.stockId);

    const answer = await pipeline.runTurn({ conversationId, message: 'pregunta' });
    expect(listedIds(answer.reply)).toEqual([only2016[0]!.stockId]);
    expect(answer.reply).toContain('de ancho');
    expect(answer.profile.carUnderDiscussion).toBe(only2016[0]!.stockId);
    // The year described a car on the table; it is no filter for the next search.
    expect(answer.profile.preferences.yearMin).toBeNull();
  });

  it('searches cars no longer than the garage remembered from an earlier turn, each with its length', async () => {
    const { pipeline } = await createTestPipeline(
      modelSaying(
        [intent({ spaceLengthM: 4.2, carQuestion: ['dimensions'] })],
        [intent({ fitsSpace: true, bodyTypes: ['suv'] })],
      ),
    );
    const conversationId = 'r3-garage';
    await pipeline.runTurn({ conversationId, message: 'cochera' });
    const fits = await pipeline.runTurn({ conversationId, message: 'recomienda' });
    const cars = listedIds(fits.reply).map(car);
    expect(cars.length).toBeGreaterThan(0);
    for (const c of cars) {
      expect(c.bodyType).toBe('suv');
      expect(c.lengthMm!).toBeLessThanOrEqual(4200);
      expect(fits.reply).toContain(`${c.lengthMm!.toLocaleString('en-US')} mm de largo`);
    }
  });

  it('never lists a car above the stated budget when a body type has to give way', async () => {
    const { pipeline } = await createTestPipeline(modelSaying([intent({ priceMax: 150_000, seatsMin: 7 })]));
    const result = await pipeline.runTurn({ message: 'presupuesto' });
    const cars = listedIds(result.reply).map(car);
    expect(cars.length).toBeGreaterThan(0);
    expect(cars.every((c) => c.priceCents <= pesosToCents(150_000))).toBe(true);
    expect(result.reply).toMatch(/pasajeros/);
  });

  it('remembers the affordable maximum for "en ese rango", and relaxes the least important filter under it', async () => {
    const plan = { monthlyPaymentTarget: 4_500, downPaymentAmount: 25_000, termYears: 4 };
    const { pipeline } = await createTestPipeline(
      modelSaying([intent({ ...plan, bodyTypes: ['pickup'] })], [intent({ bodyTypes: ['hatchback'] })]),
    );
    const found = maxPriceForMonthly({
      targetMonthlyCents: pesosToCents(4_500),
      termYears: 4,
      downPayment: { kind: 'amount', cents: pesosToCents(25_000) },
    });
    if (!found.ok) throw new Error('the plan should be computable');
    const max = found.affordable.maxPriceCents;
    const conversationId = 'r3-afford';
    const afford = await pipeline.runTurn({ conversationId, message: 'que troca me alcanza' });
    expect(afford.reply).toContain(formatMXN(max));
    expect(afford.reply).toMatch(/Sin fijarme en el tipo de auto/);
    const offered = listedIds(afford.reply).map(car);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((c) => c.priceCents <= max && c.bodyType !== 'pickup')).toBe(true);
    expect(afford.profile.budgetMax).toBe(Math.floor(max / 100));

    const inRange = await pipeline.runTurn({ conversationId, message: 'y en ese rango hatchbacks?' });
    const hatchbacks = listedIds(inRange.reply).map(car);
    expect(hatchbacks.length).toBeGreaterThan(0);
    expect(hatchbacks.every((c) => c.priceCents <= max && c.bodyType === 'hatchback')).toBe(true);
  });

  it('compares cars named by stock id side by side', async () => {
    const { pipeline } = await createTestPipeline(
      modelSaying([intent({ stockId: '291054', comparedCars: ['291054', '303912'] })]),
    );
    const result = await pipeline.runTurn({ message: 'cual conviene' });
    expect(listedIds(result.reply)).toEqual(['291054', '303912']);
    expect(result.reply).toMatch(/lado a lado/);
  });
});

describe('round 3 superlatives over the cars shown, on the offline runtime', () => {
  it('ranks only the shown cars of the body type asked, never one whose body is unknown', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'r3-shown-body';
    const list = await pipeline.runTurn({ conversationId, message: 'q tienen de 180 a 190 mil' });
    const shown = list.profile.lastRecommended.map(car);
    const hatchbacks = shown.filter((c) => c.bodyType === 'hatchback');
    expect(hatchbacks.length).toBeGreaterThan(0);
    expect(hatchbacks.length).toBeLessThan(shown.length);
    const newest = Math.max(...hatchbacks.map((c) => c.year));

    const pick = await pipeline.runTurn({
      conversationId,
      message: 'de esos cual es el hatchback mas nuevo?',
    });
    const [picked] = listedIds(pick.reply).map(car);
    expect(picked?.bodyType).toBe('hatchback');
    expect(picked?.year).toBe(newest);
  });
});

describe('the ceiling "¿algo más barato?" sets, on the offline runtime', () => {
  it('keeps it for "¿y de esos alguno con CarPlay?" and drops it when another car is named', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'r3-ceiling';
    const first = await pipeline.runTurn({ conversationId, message: 'me interesa un jetta' });
    const jetta = car(listedIds(first.reply)[0]!);
    await pipeline.runTurn({ conversationId, message: 'tendras algo mas economico?' });
    const withCarplay = await pipeline.runTurn({ conversationId, message: 'y de esos alguno con carplay?' });
    const cars = listedIds(withCarplay.reply).map(car);
    expect(cars.length).toBeGreaterThan(0);
    expect(cars.every((c) => c.priceCents < jetta.priceCents && c.carplay === true)).toBe(true);

    const corolla = await pipeline.runTurn({ conversationId, message: 'ok y un corolla?' });
    expect(listedIds(corolla.reply).map(car)[0]?.model).toBe('Corolla');
  });
});
