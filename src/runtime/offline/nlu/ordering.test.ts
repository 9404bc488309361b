import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { findOrdering, findScope, findWhatFits } from './ordering.js';

const read = (message: string, shownCount = 3) => {
  const text = normalize(message).text;
  const ordering = findOrdering(text);
  return { ordering, scope: findScope(text, ordering, shownCount)?.scope ?? null };
};

describe('findOrdering: superlatives by sentence shape', () => {
  it.each([
    ['la camioneta menos cara', 'price_asc', true],
    ['los mas economicos que tengas', 'price_asc', false],
    ['me interesa el de mayor precio', 'price_desc', true],
    ['kiero la mas recientita', 'year_desc', true],
    ['el modelo mas viejo', 'year_asc', true],
    ['la que tenga menos kilometros', 'km_asc', true],
    ['el con menor recorrido', 'km_asc', true],
    ['las menos rodadas', 'km_asc', false],
    ['el mas espacioso pa la familia', 'size_desc', true],
    ['el mas chiquito pa la ciudad', 'size_asc', true],
    ['cual sale mas barato?', 'price_asc', true],
    ['cual trae menos km', 'km_asc', true],
    ['el baratisimo ese', 'price_asc', true],
    ['acomodamelos por precio', 'price_asc', false],
    ['ordenalos por año', 'year_desc', false],
    ['del mas barato al mas caro porfa', 'price_asc', false],
    ['quiero algo economiquito', 'price_asc', false],
    ['tienes algo mas nuevo?', 'year_desc', false],
    ['which one is the cheapest?', 'price_asc', true],
    ['busco el que menos kilometraje tenga', 'km_asc', true],
    ['q suvs tienen baratas', 'price_asc', false],
    ['hay sedanes economicos?', 'price_asc', false],
  ])('%s → %s', (message, sortBy, wantsOne) => {
    expect(read(message).ordering).toMatchObject({ sortBy, wantsOne });
  });

  it.each([
    'tienes algo mas barato?', // cheaper than those shown: not a superlative
    'a cuanto el enganche mas bajo?',
    'quiero un carro para la familia',
    'menos de 300 mil',
    'el plazo mas largo que manejan',
  ])('%s → no ordering', (message) => {
    expect(read(message).ordering).toBeNull();
  });
});

describe('findScope: the cars just shown or the catalog', () => {
  it.each([
    ['de las que me pasaste cual es la mas nueva', 'shown'],
    ['y entre esas cual trae menos km', 'shown'],
    ['alguna de ellas es automatica?', 'shown'],
    ['alguno trae carplay?', 'shown'],
    ['cual es mas barato', 'shown'],
    ['el mas barato que manejen', null],
    ['de todo lo que tienen cual es el mas grande', 'catalog'],
    ['el de menos km en todo el inventario', 'catalog'],
    ['dame el mas nuevo', null],
  ])('%s → %s', (message, scope) => {
    expect(read(message).scope).toBe(scope);
  });

  it('"¿cuál es más barato?" with nothing shown is not about a list', () => {
    expect(read('cual es mas barato', 0).scope).toBeNull();
  });
});

describe('findWhatFits: a search by what a payment affords', () => {
  it.each([
    'con eso q carro me alcanza',
    'me alcanza para una camioneta?',
    'que podria comprar con 5 mil al mes',
  ])('%s', (message) => expect(findWhatFits(normalize(message).text)).not.toBeNull());
  it('not a plain budget question', () =>
    expect(findWhatFits(normalize('cuanto enganche necesito').text)).toBeNull());
});
