import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from './parse.js';
import { DEFAULT_CATALOG_PATH } from './paths.js';
import type { Car } from './types.js';

const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);
const ALL = 1000;
const ids = (cars: readonly Car[]) => cars.map((car) => car.stockId);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Every returned car honours the check, and the total is what a plain scan of the file finds. */
function expectFilter(query: Parameters<typeof catalog.search>[0], honours: (car: Car) => boolean) {
  const result = catalog.search({ ...query, limit: ALL });
  const expected = catalog.cars.filter(honours);
  expect(expected.length).toBeGreaterThan(0);
  expect(result.cars.every(honours)).toBe(true);
  expect(result.total).toBe(expected.length);
  expect(new Set(ids(result.cars))).toEqual(new Set(ids(expected)));
  expect(result.alternatives).toEqual({ cars: [], relaxed: [] });
}

describe('search filters', () => {
  it('price ceiling, in pesos', () =>
    expectFilter({ priceMax: 250_000 }, (car) => car.priceCents <= 25_000_000));
  it('year range', () =>
    expectFilter({ yearMin: 2019, yearMax: 2020 }, (car) => car.year >= 2019 && car.year <= 2020));
  it('km ceiling', () => expectFilter({ kmMax: 40_000 }, (car) => car.km <= 40_000));
  it('carplay: only cars known to have it', () =>
    expectFilter({ carplay: true }, (car) => car.carplay === true));
  it('bluetooth: an empty cell is not proof', () =>
    expectFilter({ bluetooth: true }, (car) => car.bluetooth === true));
  it('automatic', () =>
    expectFilter({ transmission: 'automatic' }, (car) => car.transmission === 'automatic'));
  it('manual', () => expectFilter({ transmission: 'manual' }, (car) => car.transmission === 'manual'));
  it('make given as an alias', () => expectFilter({ make: 'vw' }, (car) => car.make === 'Volkswagen'));
  it('everything at once', () =>
    expectFilter(
      {
        make: 'Nissan',
        priceMin: 200_000,
        priceMax: 400_000,
        yearMin: 2018,
        kmMax: 70_000,
        transmission: 'automatic',
      },
      (car) =>
        car.make === 'Nissan' &&
        car.priceCents >= 20_000_000 &&
        car.priceCents <= 40_000_000 &&
        car.year >= 2018 &&
        car.km <= 70_000 &&
        car.transmission === 'automatic',
    ));

  it('a false feature or empty query filters nothing', () => {
    expect(catalog.search({ bluetooth: false, carplay: false }).total).toBe(100);
    expect(catalog.search({}).total).toBe(100);
  });

  it('finds the Versa 2020 under 60,000 km that the file has', () => {
    const result = catalog.search({ model: 'versa', yearMin: 2020, kmMax: 60_000 });
    expect(ids(result.cars)).toEqual(['322722']);
    expect(result.resolved).toMatchObject({ make: 'Nissan', model: 'Versa' });
  });

  it('leaves out stock ids already shown', () => {
    const first = catalog.search({ make: 'Nissan' });
    const next = catalog.search({ make: 'Nissan', excludeStockIds: ids(first.cars) });
    expect(next.total).toBe(first.total - 3);
    expect(ids(next.cars).some((id) => ids(first.cars).includes(id))).toBe(false);
  });
});

describe('names in the query', () => {
  it.each([
    [{ make: 'toyta' }, { field: 'make', input: 'toyta', suggestion: 'Toyota' }],
    [{ make: 'wolksvagen' }, { field: 'make', input: 'wolksvagen', suggestion: 'Volkswagen' }],
    [{ make: 'mazada' }, { field: 'make', input: 'mazada', suggestion: 'Mazda' }],
    [{ make: 'nisan' }, { field: 'make', input: 'nisan', suggestion: 'Nissan' }],
    [{ model: 'corola' }, { field: 'model', input: 'corola', suggestion: 'Corolla' }],
    [{ model: 'jeta' }, { field: 'model', input: 'jeta', suggestion: 'Jetta' }],
  ])('%o is corrected and said so', (query, didYouMean) => {
    const result = catalog.search({ ...query, limit: ALL });
    expect(result.didYouMean).toEqual([didYouMean]);
    expect(result.total).toBeGreaterThan(0);
    const field = didYouMean.field as 'make' | 'model';
    expect(result.cars.every((car) => car[field] === didYouMean.suggestion)).toBe(true);
    expect(result.resolved[field]).toBe(didYouMean.suggestion);
  });

  it('a model alone gives its make', () => {
    expect(catalog.search({ model: 'jetta' }).resolved).toMatchObject({ make: 'Volkswagen', model: 'Jetta' });
    expect(catalog.search({ make: 'vw jetta' }).resolved).toMatchObject({
      make: 'Volkswagen',
      model: 'Jetta',
    });
    expect(catalog.search({ model: 'mazda' }).resolved).toEqual({ make: 'Mazda' });
  });

  it('a make we do not sell is unknown, with alternatives from the rest', () => {
    const result = catalog.search({ make: 'Tesla' });
    expect(result).toMatchObject({ cars: [], total: 0, unknown: [{ field: 'make', input: 'Tesla' }] });
    expect(result.alternatives.relaxed).toEqual(['make']);
    expect(result.alternatives.cars).toHaveLength(3);
  });

  it('a model we do not have is unknown; alternatives stay within its make', () => {
    const result = catalog.search({ model: 'Tsuru' });
    expect(result).toMatchObject({ total: 0, unknown: [{ field: 'model', input: 'Tsuru' }] });
    expect(result.resolved).toMatchObject({ make: 'Nissan', model: 'Tsuru' });
    expect(result.alternatives.relaxed).toEqual(['model']);
    expect(result.alternatives.cars.map((car) => car.make)).toEqual(['Nissan', 'Nissan', 'Nissan']);
  });

  it('generic words are not models', () => {
    const result = catalog.search({ model: 'auto' });
    expect(result.unknown).toEqual([{ field: 'model', input: 'auto' }]);
    expect(result.didYouMean).toEqual([]);
  });
});

describe('when nothing matches', () => {
  it('a Corolla 2021: the file only has a 2020, so the year gives way', () => {
    const result = catalog.search({ make: 'Toyota', model: 'Corolla', yearMin: 2021 });
    expect(result.total).toBe(0);
    expect(result.alternatives).toEqual({ cars: [catalog.byStockId('305016')], relaxed: ['yearMin'] });
  });

  it('relaxes only what has to give', () => {
    // Versas: 2020 with 45,837 km and 2018 with 69,630 km. Only the year is in the way.
    const onlyYear = catalog.search({ model: 'Versa', yearMin: 2021, kmMax: 50_000 });
    expect(onlyYear.alternatives).toEqual({ cars: [catalog.byStockId('322722')], relaxed: ['yearMin'] });
    const both = catalog.search({ model: 'Versa', yearMin: 2021, kmMax: 20_000 });
    expect(both.alternatives.relaxed).toEqual(['kmMax', 'yearMin']);
    expect(ids(both.alternatives.cars)).toEqual(['322722', '173312']);
  });

  it('stretches a budget by up to 20% before giving up the model', () => {
    const result = catalog.search({ model: 'Corolla', priceMax: 280_000 }); // the Corolla is $313,999
    expect(result.alternatives).toEqual({ cars: [catalog.byStockId('305016')], relaxed: ['priceMax'] });
    const tooFar = catalog.search({ model: 'Corolla', priceMax: 250_000 });
    expect(tooFar.alternatives.relaxed).toEqual(['model']);
    expect(tooFar.alternatives.cars.length).toBeGreaterThan(0);
    expect(
      tooFar.alternatives.cars.every((car) => car.make === 'Toyota' && car.priceCents <= 25_000_000),
    ).toBe(true);
  });

  it('features give way before the gearbox: no manual car is known to have CarPlay', () => {
    const result = catalog.search({ carplay: true, transmission: 'manual', limit: ALL });
    expect(result.total).toBe(0);
    expect(result.alternatives.relaxed).toEqual(['carplay']);
    expect(result.alternatives.cars.length).toBeGreaterThan(0);
    expect(result.alternatives.cars.every((car) => car.transmission === 'manual')).toBe(true);
  });

  it('a budget under every price ends with cars near it', () => {
    const result = catalog.search({ priceMax: 100_000 });
    expect(result.alternatives.relaxed).toEqual(['priceMax']);
    const medianPrice = median(catalog.cars.map((car) => car.priceCents));
    expect(result.alternatives.cars).toHaveLength(3);
    expect(result.alternatives.cars.every((car) => car.priceCents < medianPrice)).toBe(true);
  });
});

describe('ranking', () => {
  it('returns 3 by default, newer and less driven first', () => {
    const result = catalog.search({});
    expect(result.cars).toHaveLength(3);
    const medianYear = median(catalog.cars.map((car) => car.year));
    const medianKm = median(catalog.cars.map((car) => car.km));
    for (const car of result.cars) {
      expect(car.year).toBeGreaterThan(medianYear);
      expect(car.km).toBeLessThan(medianKm);
    }
  });

  it('prefers a price well within the budget', () => {
    const result = catalog.search({ priceMax: 300_000, limit: ALL });
    const top = result.cars.slice(0, 3);
    expect(top.every((car) => car.priceCents <= 0.9 * 30_000_000)).toBe(true);
  });

  it('is the same on every call', () => {
    const a = catalog.search({ priceMax: 400_000, limit: 20 });
    const b = catalog.search({ priceMax: 400_000, limit: 20 });
    expect(ids(a.cars)).toEqual(ids(b.cars));
  });

  it('explicit sorts', () => {
    const cheapest = catalog.search({ sort: 'price_asc', limit: ALL }).cars.map((car) => car.priceCents);
    expect(cheapest).toEqual([...cheapest].sort((x, y) => x - y));
    expect(catalog.search({ sort: 'price_asc' }).cars[0]?.stockId).toBe('291054'); // Aveo $138,999
    expect(catalog.search({ sort: 'price_desc' }).cars[0]?.stockId).toBe('118392'); // AMG C 63 $882,999
    expect(catalog.search({ sort: 'year_desc' }).cars[0]?.stockId).toBe('301051'); // 2023, 9,700 km
    expect(catalog.search({ sort: 'km_asc' }).cars[0]?.stockId).toBe('301051');
  });

  it('size: largo × ancho × alto, biggest first, cars without dimensions last', () => {
    const biggest = catalog.search({ sort: 'size_desc', limit: ALL }).cars;
    expect(biggest[0]?.stockId).toBe('324711'); // Nissan Frontier 2022
    const volumes = biggest.map((car) => (car.lengthMm ?? 0) * (car.widthMm ?? 0) * (car.heightMm ?? 0));
    expect(volumes).toEqual([...volumes].sort((x, y) => y - x));
    expect(catalog.search({ sort: 'size_asc' }).cars[0]?.stockId).toBe('291733'); // Spark 2017
    const oldest = catalog.search({ sort: 'year_asc', limit: ALL }).cars.map((car) => car.year);
    expect(oldest).toEqual([...oldest].sort((x, y) => x - y));
  });

  it('breaks ties by stock id, numerically', () => {
    const row = (id: string) => `${id},1000,200000.0,Kia,Rio,2020,1.6 LX AUTO,Sí,,,,`;
    const twins = parseCatalog(
      [
        'stock_id,km,price,make,model,year,version,bluetooth,largo,ancho,altura,car_play',
        row('100'),
        row('20'),
        row('3'),
      ].join('\n'),
      'twins.csv',
    );
    expect(ids(twins.search({}).cars)).toEqual(['3', '20', '100']);
    expect(ids(twins.search({ sort: 'price_desc' }).cars)).toEqual(['3', '20', '100']);
  });
});
