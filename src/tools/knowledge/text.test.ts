import { describe, expect, it } from 'vitest';
import { fold } from '../text/normalize.js';
import { stem, terms, words } from './text.js';

describe('text', () => {
  it('folds case and accents, and reads "D.F." as one word', () => {
    expect(fold('Querétaro AÑO')).toBe('queretaro ano');
    expect(words('¿Están en el D.F.?')).toEqual(['estan', 'en', 'el', 'df']);
  });

  it('stems plurals and conjugations of the same word to one term', () => {
    expect(stem('garantias')).toBe(stem('garantia'));
    expect(stem('financiamiento')).toBe(stem('financiar'));
    expect(stem('documentos')).toBe(stem('documentacion'));
    expect(stem('agendo')).toBe(stem('agendar'));
    expect(stem('vendo')).toBe(stem('vender'));
    expect(stem('pagar')).toBe(stem('pagos'));
    expect(stem('meses')).toBe(stem('mes'));
    expect(stem('sedes')).toBe(stem('sede'));
    expect(stem('interes')).not.toBe(stem('interior'));
  });

  it('drops stopwords and greetings, keeps words that carry the topic', () => {
    expect(terms('Hola, buenos días, ¿tienen garantía?')).toEqual([stem('garantia')]);
    expect(terms('7 días o 300 km')).toEqual(['7', stem('dias'), '300', 'km']);
    expect(terms('¿Qué es el?')).toEqual([]);
  });

  it('reads everyday synonyms as one term', () => {
    expect(terms('carros coche vehículo')).toEqual(terms('autos auto auto'));
    expect(terms('sucursales agencia')).toEqual(terms('sedes sede'));
  });
});
