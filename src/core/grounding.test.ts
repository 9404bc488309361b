import { describe, expect, it } from 'vitest';
import { ungroundedFigures } from './grounding.js';

describe('ungroundedFigures', () => {
  const draft = 'Toyota Corolla 2020 · 29,377 km · $313,999.00 (ID 305016)\n- 48 meses: $6,371.06 al mes';

  it('accepts a rephrasing that keeps every figure, in any common notation', () => {
    expect(
      ungroundedFigures(
        'El Corolla 2020 (ID 305016) cuesta $313,999 y pagarías 6371.06 al mes a 48 meses.',
        draft,
      ),
    ).toEqual([]);
  });

  it('flags a price or payment the tools did not give', () => {
    expect(ungroundedFigures('Te lo dejo en $299,999 con mensualidad de $6,000.00', draft)).toEqual([
      '299999',
      '6000',
    ]);
  });

  it('ignores small counts and list positions', () => {
    expect(ungroundedFigures('Te comparto 3 opciones: 1. Corolla 2. Versa', draft)).toEqual([]);
  });
});

describe('ungroundedFigures: percentages, rates, terms, amounts in words', () => {
  const draft = [
    'Para el Toyota Corolla 2020 (ID 305016), con precio de $313,999.00:',
    'Con un enganche de $62,799.80 (20%), financias $251,199.20.',
    '- 48 meses (4 años): $6,371.06 al mes',
    'Es una estimación con tasa de interés anual del 10%.',
  ].join('\n');

  it('rejects an invented down payment, term, rate and an amount in "mil" (issue 9.8)', () => {
    expect(
      ungroundedFigures(
        'Con enganche al 25%, a 60 meses con tasa del 12% pagarías unos 5 mil al mes.',
        draft,
      ),
    ).toEqual(['25%', '60 meses', '12%', '5000']);
  });

  it('rejects figures written in words', () => {
    expect(ungroundedFigures('A cinco años pagarías seis mil pesos al mes.', draft)).toEqual([
      '60 meses',
      '6000',
    ]);
  });

  it('accepts the same value in another form: 4 años = 48 meses, "veinte por ciento", a rate of 0.1 in the facts', () => {
    expect(
      ungroundedFigures(
        'Con veinte por ciento de enganche, a cuatro años, pagas $6,371.06 al mes (tasa 10% anual).',
        draft,
      ),
    ).toEqual([]);
    const facts = { plans: [{ termYears: 5, annualRate: 0.12 }], downPaymentPercent: 25 };
    expect(ungroundedFigures('A 60 meses, tasa del 12% y enganche al 25%.', 'Te cotizo.', facts)).toEqual([]);
  });

  it('accepts years and km the draft states, and ignores counts and ordinals', () => {
    const cars = 'Nissan Versa 2020 · 45,837 km · $265,999.00 (ID 322722)';
    expect(ungroundedFigures('Tengo 2 opciones; el segundo es un Versa 2020 con 45,837 km.', cars)).toEqual(
      [],
    );
    expect(ungroundedFigures('Un Versa 2019 con 30,000 km.', cars)).toEqual(['2019', '30000']);
  });
});
