import { beforeAll, describe, expect, it } from 'vitest';
import { bareParams, loadTools, type Tools } from '../../../test/eval/scorers/fixtures.js';
import { scoreKeywords } from './keywords.js';
import { containsPhrase } from './text-match.js';

let tools: Tools;
beforeAll(async () => {
  tools = await loadTools();
});

const REPLY =
  'Para el Toyota Corolla 2020 (ID 305016), con precio de $313,999.00:\n- 48 meses: $6,371.06 al mes\n¿Te gustaría agendar una prueba de manejo?';

describe('containsPhrase', () => {
  it('normalises money figures', () => {
    for (const figure of ['$6,371.06', '6,371.06', '6371.06'])
      expect(containsPhrase(REPLY, figure)).toBe(true);
    for (const figure of ['313999', '313,999', '$313,999.00'])
      expect(containsPhrase(REPLY, figure)).toBe(true);
    expect(containsPhrase(REPLY, '6371')).toBe(false);
  });

  it('ignores case and accents, matches whole words and phrases only', () => {
    expect(containsPhrase(REPLY, 'GUSTARIA')).toBe(true);
    expect(containsPhrase(REPLY, 'prueba de manejo')).toBe(true);
    expect(containsPhrase(REPLY, 'prueba manejo')).toBe(false);
    expect(containsPhrase(REPLY, 'coro')).toBe(false);
    expect(containsPhrase('¡Hola! 👋', '👋')).toBe(true);
  });
});

describe('keywords scorer', () => {
  it('passes when all, any and none hold', () => {
    const result = scoreKeywords(
      bareParams(REPLY, tools, {
        keywords: { all: ['corolla', '6371.06'], any: ['visita', 'prueba de manejo'], none: ['descuento'] },
      }),
    );
    expect(result).toMatchObject({ scorer: 'keywords', pass: true, score: 1 });
  });

  it('scores the fraction met and says what was missing or forbidden', () => {
    const result = scoreKeywords(
      bareParams(REPLY, tools, {
        keywords: { all: ['corolla', 'enganche'], any: ['apartar', 'reservar'], none: ['ID 305016'] },
      }),
    );
    expect(result.pass).toBe(false);
    expect(result.score).toBeCloseTo(1 / 4);
    expect(result.reason).toBe(
      'missing "enganche"; none of "apartar", "reservar" appears; forbidden "ID 305016" appears',
    );
  });
});
