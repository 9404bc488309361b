import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../tools/catalog/parse.js';
import { DEFAULT_CATALOG_PATH } from '../../../tools/catalog/paths.js';
import { createResolver } from '../../../tools/catalog/resolver.js';
import { buildCarIndex } from './car-index.js';
import { findCars } from './cars.js';
import { normalize } from './normalize.js';
import type { Vocabulary } from './vocabulary.js';

/** The repo's sample catalog, read as the catalog tool's vocabulary would be (make and model names). */
function catalogVocabulary(): Vocabulary {
  const csv = readFileSync(new URL('../../../../data/catalog.csv', import.meta.url), 'utf8');
  const rows = parse<{ make: string; model: string }>(csv, { columns: true, skip_empty_lines: true });
  const models = new Map(rows.map((r) => [`${r.make}|${r.model}`, { make: r.make, model: r.model }]));
  return { makes: [...new Set(rows.map((r) => r.make))], models: [...models.values()] };
}

const vocabulary = catalogVocabulary();
const index = buildCarIndex(vocabulary);

function carsIn(message: string): [string, string | null][] {
  return findCars(normalize(message).text, index).map((c) => [c.make, c.model]);
}

describe('findCars', () => {
  it('recognises every make and model of the catalog, written with its make, in the catalog spelling', () => {
    for (const { make, model } of vocabulary.models) {
      expect(carsIn(`busco un ${make} ${model} 2019`), `${make} ${model}`).toEqual([[make, model]]);
    }
  });

  it('recognises catalog models without their make ("un Rio 2019", even "un Uno 2019")', () => {
    for (const { make, model } of vocabulary.models) {
      expect(carsIn(`busco un ${model} 2019`), model).toEqual([[make, model]]);
    }
  });

  it('reads names that are words or numbers as cars only with their make or "un … 2019"', () => {
    for (const model of ['Uno', 'Hs', 'A1', '208']) expect(carsIn(`me late el ${model}`), model).toEqual([]);
  });

  it.each([
    ['toyta corola', 'Toyota', 'Corolla'],
    ['wolksvagen jeta', 'Volkswagen', 'Jetta'],
    ['mazada 3', 'Mazda', 'Mazda 3'],
    ['nisan versa', 'Nissan', 'Versa'],
    ['un jeta', 'Volkswagen', 'Jetta'],
    ['chebrolet aveo', 'Chevrolet', 'Aveo'],
    ['hunday tucson', 'Hyundai', 'Tucson'],
    ['mercedez benz clase c', 'Mercedes Benz', 'Clase C'],
    ['un vocho', 'Volkswagen', 'Beetle'],
    ['un bocho', 'Volkswagen', 'Beetle'],
    ['vw gol', 'Volkswagen', 'Gol'],
    ['una cx 5', 'Mazda', 'CX-5'],
    ['x-trail', 'Nissan', 'X-Trail'],
    ['Tsuru', 'Nissan', 'Tsuru'],
  ])('reads "%s" as %s %s', (message, make, model) => {
    expect(carsIn(message)[0]).toEqual([make, model]);
  });

  it('reads a make alone, with its aliases', () => {
    expect(carsIn('algo de chevy')).toEqual([['Chevrolet', null]]);
    expect(carsIn('un mercedes')).toEqual([['Mercedes Benz', null]]);
    expect(carsIn('quiero un Tesla')).toEqual([['Tesla', null]]);
  });

  it('does not read everyday words as cars', () => {
    for (const message of [
      '¿cuál es la marca más confiable?',
      'el uno o el dos',
      'a 3 años',
      'mándame la ubicación',
      'a ver qué tienen',
      'do you have financing for the car?',
      'hola que onda',
      'soy de León',
      'vivo en Durango',
      'está a la venta?',
      'quiero una mini van',
      'avanza el trámite?',
      'el audio no se escucha',
    ]) {
      expect(carsIn(message), message).toEqual([]);
    }
  });

  it('reads ambiguous names with a make, an article or a year', () => {
    expect(carsIn('un rio 2018')).toEqual([['KIA', 'Rio']]);
    expect(carsIn('la avanza')).toEqual([['Toyota', 'Avanza']]);
    expect(carsIn('fiat uno')).toEqual([['Fiat', 'Uno']]);
    expect(carsIn('seat leon')).toEqual([['Seat', 'Leon']]);
    expect(carsIn('dodge durango')).toEqual([['Dodge', 'Durango']]);
  });
});

describe('one car lexicon for the NLU and the catalog', () => {
  it('reads "vocho" as the Volkswagen Beetle in both, a model we do not stock, not a make', async () => {
    expect(carsIn('busco un vocho')).toEqual([['Volkswagen', 'Beetle']]);
    const resolver = createResolver((await loadCatalog(DEFAULT_CATALOG_PATH)).cars);
    expect(resolver.lookupMake('vocho')).toEqual({ kind: 'none' });
    expect(resolver.lookupModel('vocho')).toEqual({ kind: 'outside', make: 'Volkswagen' });
  });

  it('knows the other names the catalog knew ("mini cooper", "morris garages")', () => {
    expect(carsIn('me gusta el mini cooper')).toEqual([['Mini', 'Cooper']]);
    expect(carsIn('busco un morris garages')).toEqual([['MG', null]]);
  });
});
