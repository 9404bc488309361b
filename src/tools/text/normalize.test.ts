import { describe, expect, it } from 'vitest';

import { compactKey, fold, foldKeepingPositions, foldWords } from './normalize.js';

describe('one Spanish fold for the NLU, catalog, knowledge base and scorers', () => {
  it('lowercases and drops accents, ñ included', () => {
    expect(fold('Querétaro AÑO Pingüino')).toBe('queretaro ano pinguino');
  });

  it('catalog keys ignore punctuation and spacing', () => {
    expect(foldWords('  Mercedes-Benz  ')).toBe('mercedes benz');
    expect(compactKey('CX-5')).toBe(compactKey('cx5'));
    expect(compactKey('Clase A')).toBe('clasea');
  });

  it('keeps positions: one character folded for one, emojis as written', () => {
    const text = 'Año 🚗 Ñ';
    const folded = foldKeepingPositions(text);
    expect(folded).toBe('ano 🚗 n');
    expect(folded.length).toBe(text.length);
  });
});
