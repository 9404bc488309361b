import { describe, expect, it } from 'vitest';
import { generateCatalogCsv } from './generate.js';
import { loadCatalog, parseCatalog } from './parse.js';
import { DEFAULT_CATALOG_PATH } from './paths.js';

const sample = await loadCatalog(DEFAULT_CATALOG_PATH);

describe('generateCatalogCsv', () => {
  it('is the same text for the same seed, and another for another seed', () => {
    expect(generateCatalogCsv(200, 7)).toBe(generateCatalogCsv(200, 7));
    expect(generateCatalogCsv(200, 7)).not.toBe(generateCatalogCsv(200, 8));
  });

  it('writes the sample columns and rows that all validate', () => {
    const csv = generateCatalogCsv(2_000, 1);
    expect(csv.split('\n')[0]).toBe(
      'stock_id,km,price,make,model,year,version,bluetooth,largo,ancho,altura,car_play',
    );
    const generated = parseCatalog(csv, 'generated.csv');
    expect(generated.issues).toEqual([]);
    expect(generated.cars).toHaveLength(2_000);
    expect(new Set(generated.cars.map((car) => car.stockId)).size).toBe(2_000);
    // Same makes and models as the sample, however the rows were cased.
    expect(generated.makes().every((make) => sample.makes().includes(make))).toBe(true);
    expect(generated.models().every((model) => sample.models().includes(model))).toBe(true);
  });
});

describe('a 100,000-car catalog', () => {
  const big = parseCatalog(generateCatalogCsv(100_000, 42), 'big.csv');

  it('loads every row', () => {
    expect(big.cars).toHaveLength(100_000);
    expect(big.issues).toEqual([]);
  });

  it('searches correctly (speed is measured by npm run bench -- pipeline)', () => {
    const query = { make: 'nisan', priceMax: 300_000, kmMax: 50_000, transmission: 'automatic' } as const;
    const expected = big.cars.filter(
      (car) =>
        car.make === 'Nissan' &&
        car.priceCents <= 30_000_000 &&
        car.km <= 50_000 &&
        car.transmission === 'automatic',
    ).length;
    expect(big.search(query).total).toBe(expected);
    const relaxed = big.search({ model: 'Tsuru', priceMax: 50_000 });
    expect(relaxed.alternatives.cars.length).toBeGreaterThan(0);
  });
});
