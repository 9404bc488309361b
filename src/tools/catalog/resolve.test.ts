import { describe, expect, it } from 'vitest';
import { loadCatalog } from './parse.js';
import { DEFAULT_CATALOG_PATH } from './paths.js';

const catalog = await loadCatalog(DEFAULT_CATALOG_PATH);

describe('resolveMake', () => {
  it.each([
    ['VW', 'Volkswagen'],
    ['Volks', 'Volkswagen'],
    ['Chevy', 'Chevrolet'],
    ['Mercedes', 'Mercedes-Benz'],
    ['Mercedes Benz', 'Mercedes-Benz'],
    ['benz', 'Mercedes-Benz'],
    ['KIA', 'Kia'],
    ['  bmw ', 'BMW'],
    ['peugeot', 'Peugeot'],
    ['Chevrolét', 'Chevrolet'],
  ])('alias %s → %s', (text, make) => {
    expect(catalog.resolveMake(text)).toEqual({ make, corrected: false });
  });

  it.each([
    ['toyta', 'Toyota'],
    ['wolksvagen', 'Volkswagen'],
    ['mazada', 'Mazda'],
    ['nisan', 'Nissan'],
  ])('typo %s → %s (corrected)', (text, make) => {
    expect(catalog.resolveMake(text)).toEqual({ make, corrected: true });
  });

  it('does not resolve makes the catalog lacks, short words, or model names', () => {
    // "vocho" is the Beetle (car-lexicon.ts), a model, as "beat" is a Chevrolet.
    for (const text of ['Tesla', 'Hyundai', 'el', 'año', 'auto', 'ocho', 'beat', 'vocho', '', '   ']) {
      expect(catalog.resolveMake(text), text).toBeNull();
    }
  });
});

describe('resolveModel', () => {
  it.each([
    ['versa', 'Nissan', 'Versa'],
    ['JETTA', 'Volkswagen', 'Jetta'],
    ['Mazda 3', 'Mazda', 'Mazda 3'],
    ['mazda3', 'Mazda', 'Mazda 3'],
    ['serie 3', 'BMW', 'Serie 3'],
    ['bmw 3', 'BMW', 'Serie 3'],
    ['Clase C', 'Mercedes-Benz', 'Clase C'],
    ['cla', 'Mercedes-Benz', 'Clase CLA'],
    ['cx5', 'Mazda', 'CX-5'],
    ['CRV', 'Honda', 'CR-V'],
    ['xtrail', 'Nissan', 'X-Trail'],
    ['vw jetta', 'Volkswagen', 'Jetta'],
    ['toyota corolla', 'Toyota', 'Corolla'],
    ['mini cooper', 'Mini', 'Cooper'],
  ])('%s → %s %s', (text, make, model) => {
    expect(catalog.resolveModel(text)).toEqual({ make, model, corrected: false });
  });

  it.each([
    ['corola', 'Toyota', 'Corolla'],
    ['jeta', 'Volkswagen', 'Jetta'],
    ['sportaje', 'Kia', 'Sportage'],
    ['toyota corola', 'Toyota', 'Corolla'],
  ])('typo %s → %s %s (corrected)', (text, make, model) => {
    expect(catalog.resolveModel(text)).toEqual({ make, model, corrected: true });
  });

  it('reads a bare code within its make', () => {
    expect(catalog.resolveModel('3', 'mazda')).toEqual({ make: 'Mazda', model: 'Mazda 3', corrected: false });
    expect(catalog.resolveModel('3', 'BMW')).toEqual({ make: 'BMW', model: 'Serie 3', corrected: false });
    expect(catalog.resolveModel('c', 'Mercedes')).toEqual({
      make: 'Mercedes-Benz',
      model: 'Clase C',
      corrected: false,
    });
    expect(catalog.resolveModel('3')).toBeNull();
  });

  it('never changes a number or guesses between close names', () => {
    expect(catalog.resolveModel('serie 4')).toBeNull(); // BMW has 1, 2, 3 and 7
    expect(catalog.resolveModel('mazda 6')).toBeNull();
    expect(catalog.resolveModel('clase')).toBeNull(); // A, C or CLA?
  });

  it('does not resolve short Spanish words, makes, or cars the catalog lacks', () => {
    for (const text of [
      'el',
      'año',
      'auto',
      'carro',
      'camioneta',
      'mazda',
      'Tsuru',
      'Model 3',
      'Camry',
      'Tesla',
    ]) {
      expect(catalog.resolveModel(text), text).toBeNull();
    }
  });
});

describe('makes and models', () => {
  it('lists models of a make given as free text', () => {
    expect(catalog.models('nisan')).toEqual([
      'Altima',
      'Frontier',
      'Kicks',
      'March',
      'Murano',
      'Pathfinder',
      'Sentra',
      'Versa',
      'X-Trail',
    ]);
    expect(catalog.models('Tesla')).toEqual([]);
  });

  it('every listed model resolves back to itself', () => {
    for (const make of catalog.makes()) {
      expect(catalog.resolveMake(make)).toEqual({ make, corrected: false });
      for (const model of catalog.models(make)) {
        expect(catalog.resolveModel(model, make)).toEqual({ make, model, corrected: false });
      }
    }
  });
});
