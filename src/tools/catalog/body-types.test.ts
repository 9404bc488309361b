import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BODY_TYPES_PATH, bodyFacts, parseBodyTable } from './body-types.js';
import { DEFAULT_CATALOG_PATH, generateCatalogCsv, loadCatalog, parseCatalog } from './index.js';

describe('body types', () => {
  it('the reference table lists every make and model of the sample catalog', async () => {
    const table = parseBodyTable(readFileSync(BODY_TYPES_PATH, 'utf8'));
    const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);
    const missing = catalog.cars.filter(
      (car) => !table.has(`${car.make}|${car.model}`.toLowerCase().replace(/[^a-z0-9|]/g, '')),
    );
    expect(missing.map((car) => `${car.make} ${car.model}`)).toEqual([]);
  });

  it('reads the body style and seats from the version text before the table', () => {
    expect(bodyFacts('Mazda', 'Mazda 3', '2.5 HATCHBACK I TOURING TA')).toEqual({
      bodyType: 'hatchback',
      seats: 5,
    });
    expect(bodyFacts('Mazda', 'Mazda 3', '2.0 SEDAN I TA').bodyType).toBe('sedan');
    expect(bodyFacts('Chevrolet', 'Captiva', '1.5 LT 7 PASAJEROS B CVT')).toEqual({
      bodyType: 'suv',
      seats: 7,
    });
    expect(bodyFacts('Nissan', 'X-Trail', '2.5 SENSE 2 ROW CVT').seats).toBe(5);
    expect(bodyFacts('Toyota', 'Hilux', '2.8 SR CREW CAB 4X4').bodyType).toBe('pickup');
    // "5 PTAS" is a hatchback only for a model that is a car.
    expect(bodyFacts('Volkswagen', 'Gol', '1.6 5 PTAS. TRENDLINE').bodyType).toBe('hatchback');
    expect(bodyFacts('Honda', 'CR-V', '2.4 EX 5 PTAS').bodyType).toBe('suv');
  });

  it('never guesses the body of a model the table does not list', () => {
    expect(bodyFacts('Lucid', 'Air', 'GRAND TOURING')).toEqual({ bodyType: null, seats: null });
    const csv = 'stock_id,km,price,make,model,year,version\n1,1000,100000,Foo,Bar,2020,1.0 BASE\n';
    expect(parseCatalog(csv, 'x.csv').cars[0]).toMatchObject({ bodyType: null, seats: null });
  });

  it('gives generated catalogs the body types of their template models', () => {
    const catalog = parseCatalog(generateCatalogCsv(300, 7), 'generated.csv');
    const pickups = catalog.search({ bodyTypes: ['pickup'], limit: 300 }).cars;
    expect(pickups.length).toBeGreaterThan(0);
    expect(new Set(pickups.map((car) => car.model))).toEqual(new Set(['Frontier']));
  });

  it('searches by body type and seats; unknown seats never match', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);
    const sevenSeats = catalog.search({ seatsMin: 7, limit: 20 }).cars;
    expect(sevenSeats.map((car) => car.model)).toContain('Captiva');
    expect(sevenSeats.every((car) => (car.seats ?? 0) >= 7)).toBe(true);
    expect(sevenSeats.map((car) => car.model)).not.toContain('Tiguan');
    const hatchbacks = catalog.search({ bodyTypes: ['hatchback'], priceMax: 200_000, limit: 20 }).cars;
    expect(hatchbacks.every((car) => car.bodyType === 'hatchback')).toBe(true);
  });
});
