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
