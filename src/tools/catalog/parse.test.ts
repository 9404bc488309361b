import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../support/errors.js';
import { loadCatalog, parseCatalog } from './parse.js';
import { DEFAULT_CATALOG_PATH } from './paths.js';

const HEADER = 'stock_id,km,price,make,model,year,version,bluetooth,largo,ancho,altura,car_play';
const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);
const car = (stockId: string) => {
  const found = catalog.byStockId(stockId);
  if (!found) throw new Error(`stock ${stockId} not in data/catalog.csv`);
  return found;
};

describe('loadCatalog on data/catalog.csv', () => {
  it('keeps all 100 cars and reports no issues', () => {
    expect(catalog.cars).toHaveLength(100);
    expect(catalog.issues).toEqual([]);
    expect(new Set(catalog.cars.map((c) => c.stockId)).size).toBe(100);
    expect(catalog.source).toBe(DEFAULT_CATALOG_PATH);
  });

  it('reads prices as exact cents and the Corolla 2020 as in the file', () => {
    expect(car('305016')).toEqual({
      stockId: '305016',
      km: 29377,
      priceCents: 31_399_900,
      make: 'Toyota',
      model: 'Corolla',
      year: 2020,
      version: '1.8 LE AUTO',
      bluetooth: true,
      carplay: true,
      transmission: 'automatic',
      lengthMm: 4650,
      widthMm: 1776,
      heightMm: 1475,
      bodyType: 'sedan',
      seats: 5,
    });
  });

  it('reads an empty bluetooth or car_play cell as unknown (null), never false', () => {
    for (const id of ['283547', '291733', '319698']) expect(car(id).bluetooth).toBeNull();
    expect(car('243587').carplay).toBeNull();
    expect(catalog.cars.some((c) => c.bluetooth === false || c.carplay === false)).toBe(false);
    expect(catalog.cars.filter((c) => c.bluetooth === null)).toHaveLength(3);
  });

  it('reads empty dimensions as null', () => {
    expect(car('322165').widthMm).toBeNull();
    expect(car('317780').heightMm).toBeNull();
  });

  it('reads the gearbox from the version text', () => {
    expect(car('317114').transmission).toBe('manual'); // 2.0 LX MT
    expect(car('322962').transmission).toBe('automatic'); // 2.0 GT LINE IVT
    expect(car('311726').transmission).toBe('automatic'); // 1.0 LS A
    expect(car('323668').transmission).toBe('automatic'); // XTRONIC
    expect(car('277436').transmission).toBeNull(); // 1.5 IMPULSE
  });

  it('writes makes and models in one canonical spelling', () => {
    expect(car('317114')).toMatchObject({ make: 'Kia', model: 'Forte' });
    expect(car('317294')).toMatchObject({ make: 'Mercedes-Benz', model: 'Clase C' });
    expect(car('301051')).toMatchObject({ make: 'MG', model: 'HS' });
    expect(catalog.makes()).toHaveLength(25);
    expect(catalog.makes()).toEqual(
      expect.arrayContaining(['BMW', 'JAC', 'Land Rover', 'Mercedes-Benz', 'Volkswagen']),
    );
    expect(catalog.models()).toEqual(
      expect.arrayContaining([
        'CX-5',
        'BR-V',
        'HR-V',
        'MG5',
        'T-Cross',
        'X-Trail',
        'EcoSport',
        'Mazda 3',
        'Serie 3',
      ]),
    );
    expect(catalog.makes()).not.toContain('KIA');
  });
});

describe('parseCatalog with bad rows', () => {
  const csv = [
    HEADER,
    '1,1000,100000.0,Nissan,Versa,2020,1.6 SENSE MT,Sí,,,,', // 2 good
    '2,1000,,Nissan,Versa,2020,1.6 SENSE MT,Sí,,,,', // 3 no price
    '', // 4 blank
    '3,abc,100000.0,Nissan,Versa,2020,1.6 SENSE MT,Sí,,,,', // 5 km not a number
    '4,2000,120000.0,Kia,Rio,2019,"1.6 LX', // 6 good, version spans two lines
    'AUTO",Sí,,,,', // 7
    '5,3000,130000.0,Kia,Rio,20x9,1.6 LX,Sí,,,,', // 8 bad year
    '6,4000,140000.0,kia,rio,2021,1.6 EX,,,,,', // 9 good
    '1,5000,150000.0,Kia,Rio,2021,1.6 EX,Sí,,,,', // 10 repeated stock id
    '7,5000,150000.0,Kia,Rio,2021,1.6 EX,Sí,,,,,extra', // 11 too many fields
    '8,5000,150000.0,Kia,Rio,2021,1.6 EX,Quizá,,,,', // 12 bad bluetooth
  ].join('\n');
  const parsed = parseCatalog(csv, 'test.csv');

  it('reports each bad row by its line number, header = line 1', () => {
    expect(parsed.issues.map((issue) => issue.line)).toEqual([3, 5, 8, 10, 11, 12]);
  });

  it('says what is wrong with each row', () => {
    const message = (line: number) => parsed.issues.find((issue) => issue.line === line)?.message;
    expect(message(3)).toBe('price is empty');
    expect(message(5)).toBe('km "abc" is not a number');
    expect(message(8)).toBe('year "20x9" is not a number');
    expect(message(10)).toContain('repeats line 2');
    expect(message(11)).toContain('13 fields');
    expect(message(12)).toContain('bluetooth "Quizá"');
  });

  it('keeps the good rows, canonical', () => {
    expect(parsed.cars.map((c) => c.stockId)).toEqual(['1', '4', '6']);
    expect(parsed.byStockId('4')).toMatchObject({ version: '1.6 LX AUTO', transmission: 'automatic' });
    expect(parsed.byStockId('6')).toMatchObject({ make: 'Kia', model: 'Rio', bluetooth: null });
  });

  it('counts lines the same with Windows line endings', () => {
    expect(parseCatalog(csv.replace(/\n/g, '\r\n'), 'crlf.csv').issues.map((i) => i.line)).toEqual([
      3, 5, 8, 10, 11, 12,
    ]);
  });
});

describe('catalog files that cannot be used', () => {
  it('a missing file is a UserInputError that says how to pass one', async () => {
    const error: unknown = await loadCatalog('/nonexistent/catalog.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).message).toBe('Catalog file /nonexistent/catalog.csv not found');
    expect((error as UserInputError).hint).toContain('--catalog <file>');
    expect((error as UserInputError).hint).toContain('stock_id,km,price');
  });

  it('missing required columns are named', () => {
    expect(() => parseCatalog('stock_id,km,make,model\n1,2,Kia,Rio\n', 'x.csv')).toThrow(
      /x\.csv has no column price, year/,
    );
    expect(() => parseCatalog('stock_id,km,make,model\n1,2,Kia,Rio\n', 'x.csv')).toThrow(UserInputError);
  });

  it('an empty file or broken quoting is a UserInputError', () => {
    expect(() => parseCatalog('', 'empty.csv')).toThrow(/empty\.csv is empty/);
    expect(() => parseCatalog(`${HEADER}\n1,2,"3\n`, 'q.csv')).toThrow(UserInputError);
  });

  it('optional columns may be absent: their values are unknown', () => {
    const minimal = parseCatalog(
      'stock_id,km,price,make,model,year\n9,100,200000,VW,jetta,2019\n',
      'min.csv',
    );
    expect(minimal.cars[0]).toMatchObject({
      make: 'Volkswagen',
      model: 'Jetta',
      version: '',
      bluetooth: null,
      carplay: null,
      transmission: null,
      lengthMm: null,
    });
  });
});
