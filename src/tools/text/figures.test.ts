import { describe, expect, it } from 'vitest';
import { statedFigures } from './figures.js';

const read = (text: string) => statedFigures(text).map((f) => [f.kind, f.value, f.text]);

describe('statedFigures', () => {
  it('reads money however it is written', () => {
    expect(read('$313,999.00, 300 mil pesos, 300k, medio millón, 1.2 millones, cinco mil, 6,371.06')).toEqual(
      [
        ['money', 313999, '$313,999.00'],
        ['money', 300000, '300 mil pesos'],
        ['money', 300000, '300k'],
        ['money', 500000, 'medio millón'],
        ['money', 1200000, '1.2 millones'],
        ['money', 5000, 'cinco mil'],
        ['money', 6371.06, '6,371.06'],
      ],
    );
  });

  it('reads percentages and terms, years as months, both ends of a range', () => {
    expect(read('tasa del 12 %, veinte por ciento, 48 meses, cinco años, de 3 a 6 años')).toEqual([
      ['percent', 12, '12 %'],
      ['percent', 20, 'veinte por ciento'],
      ['months', 48, '48 meses'],
      ['months', 60, 'cinco años'],
      ['months', 36, '3'],
      ['months', 72, '6 años'],
    ]);
  });

  it('reads the terms and rates of a reply written in English', () => {
    expect(read('a 12 percent rate, 48 months, 5 years, from 3 to 6 years')).toEqual([
      ['percent', 12, '12 percent'],
      ['months', 48, '48 months'],
      ['months', 60, '5 years'],
      ['months', 36, '3'],
      ['months', 72, '6 years'],
    ]);
  });

  it('keeps years, km and stock ids plain, and a year before a term a year', () => {
    expect(read('el Versa 2020 a 48 meses · 45,837 km (ID 322722); $21,299.90, financias')).toEqual([
      ['number', 2020, '2020'],
      ['months', 48, '48 meses'],
      ['number', 45837, '45,837'],
      ['number', 322722, '322722'],
      ['money', 21299.9, '$21,299.90'],
    ]);
  });

  it('takes "once" alone for the English word, and with a unit for eleven', () => {
    expect(read('What your car is worth we know once we quote it.')).toEqual([]);
    expect(read('a once meses, once mil pesos')).toEqual([
      ['months', 11, 'once meses'],
      ['money', 11000, 'once mil pesos'],
    ]);
  });
});
