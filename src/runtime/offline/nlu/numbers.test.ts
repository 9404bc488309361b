import { describe, expect, it } from 'vitest';
import type { Entities } from '../../../core/intents/schema.js';
import { buildCarIndex } from './car-index.js';
import { extractEntities } from './entities.js';
import { normalize } from './normalize.js';
import type { NumberHints } from './number-roles.js';

const index = buildCarIndex();
const NO_HINTS: NumberHints = { financing: false, expect: null };

function entitiesOf(message: string, hints: NumberHints = NO_HINTS): Entities {
  return extractEntities(normalize(message), index, { hints, listLength: 3 }).entities;
}

describe('money, written every common way, in pesos', () => {
  it.each([
    ['300 mil', 300_000],
    ['300mil', 300_000],
    ['$300,000', 300_000],
    ['300,000', 300_000],
    ['300.000', 300_000],
    ['$313,999.00', 313_999],
    ['300k', 300_000],
    ['300 K', 300_000],
    ['medio millón', 500_000],
    ['1/4 de millon', 250_000],
    ['3/4 de millón', 750_000],
    ['1/2 millon', 500_000],
    ['un millón', 1_000_000],
    ['millón y medio', 1_500_000],
    ['1.2 millones', 1_200_000],
    ['un millón doscientos mil', 1_200_000],
    ['350 mil pesos', 350_000],
    ['trescientos cincuenta mil', 350_000],
    ['300 lucas', 300_000],
    ['tengo 300 mil de lana', 300_000],
    ['hasta 250', 250_000],
    ['mi presupuesto es de 250', 250_000],
    ['menos de 400 mil', 400_000],
    ['máximo 400 mil', 400_000],
    ['no más de 400 mil', 400_000],
    ['tope 400 mil', 400_000],
    ['400 mil o menos', 400_000],
    // A counter-offer's bare figure is thousands, like a budget's.
    ['me lo dejas en 290', 290_000],
    ['nos das el versa en 240?', 240_000],
    ['te doy 210', 210_000],
  ])('%s → priceMax %d', (message, pesos) => {
    expect(entitiesOf(message)).toMatchObject({ priceMax: pesos, priceMin: null });
  });

  it.each([
    ['más de 200 mil', 200_000],
    ['mínimo 200 mil', 200_000],
    ['de 200 mil para arriba', 200_000],
  ])('%s → priceMin %d', (message, pesos) => {
    expect(entitiesOf(message)).toMatchObject({ priceMin: pesos, priceMax: null });
  });

  it.each([
    'entre 200 y 300 mil',
    'de 200 a 300 mil',
    'entre $200,000 y $300,000',
    'desde 200 hasta 300 mil',
  ])('%s → a range', (message) => {
    expect(entitiesOf(message)).toMatchObject({ priceMin: 200_000, priceMax: 300_000 });
  });
});

describe('numbers that are not prices', () => {
  it('reads years, not money: "2018" alone, ranges and bounds', () => {
    expect(entitiesOf('un jetta 2018')).toMatchObject({ yearMin: 2018, yearMax: 2018, priceMax: null });
    expect(entitiesOf('modelo 2020')).toMatchObject({ yearMin: 2020, yearMax: 2020 });
    expect(entitiesOf('2018 o más nuevo')).toMatchObject({ yearMin: 2018, yearMax: null });
    expect(entitiesOf('del 2018 para arriba')).toMatchObject({ yearMin: 2018, yearMax: null });
    expect(entitiesOf('a partir del 2018')).toMatchObject({ yearMin: 2018, yearMax: null });
    expect(entitiesOf('entre 2017 y 2019')).toMatchObject({ yearMin: 2017, yearMax: 2019 });
    expect(entitiesOf('2017-2019')).toMatchObject({ yearMin: 2017, yearMax: 2019 });
    expect(entitiesOf('antes del 2019')).toMatchObject({ yearMin: null, yearMax: 2018 });
    expect(entitiesOf('un versa modelo 18')).toMatchObject({ yearMin: 2018, yearMax: 2018 });
  });

  it('reads kilometres as kmMax, never as a price', () => {
    expect(entitiesOf('con menos de 60 mil km')).toMatchObject({ kmMax: 60_000, priceMax: null });
    expect(entitiesOf('menos de 60,000 kilómetros')).toMatchObject({ kmMax: 60_000, priceMax: null });
    expect(entitiesOf('kilometraje menor a 50 mil')).toMatchObject({ kmMax: 50_000, priceMax: null });
    expect(entitiesOf('entre 50 y 80 mil km')).toMatchObject({
      kmMax: 80_000,
      priceMax: null,
      priceMin: null,
    });
  });

  it('reads the financing figures: down payment, percentage, term, monthly payment', () => {
    expect(entitiesOf('enganche de 50 mil')).toMatchObject({ downPaymentAmount: 50_000, priceMax: null });
    expect(entitiesOf('tengo 80 mil para el enganche')).toMatchObject({
      downPaymentAmount: 80_000,
      priceMax: null,
    });
    expect(entitiesOf('20% de enganche')).toMatchObject({ downPaymentPercent: 20 });
    expect(entitiesOf('con el 20 por ciento')).toMatchObject({ downPaymentPercent: 20 });
    expect(entitiesOf('un enganche del 30')).toMatchObject({
      downPaymentPercent: 30,
      downPaymentAmount: null,
    });
    expect(entitiesOf('a 4 años')).toMatchObject({ termYears: 4 });
    expect(entitiesOf('a 48 meses')).toMatchObject({ termYears: 4 });
    expect(entitiesOf('a cinco años')).toMatchObject({ termYears: 5 });
    expect(entitiesOf('a 7 años')).toMatchObject({ termYears: 7 });
    expect(entitiesOf('pagar 5 mil al mes')).toMatchObject({ monthlyPaymentTarget: 5_000, priceMax: null });
    expect(entitiesOf('mensualidades de 6,500')).toMatchObject({ monthlyPaymentTarget: 6_500 });
    expect(entitiesOf('dando 100 mil', { financing: true, expect: null })).toMatchObject({
      downPaymentAmount: 100_000,
    });
  });

  it('reads a bare "a 5" as a term only in a financing conversation', () => {
    expect(entitiesOf('¿y a 5?', { financing: true, expect: null })).toMatchObject({ termYears: 5 });
    expect(entitiesOf('¿y a 5?')).toMatchObject({ termYears: null });
  });

  it('reads a bare amount as the answer to the question asked', () => {
    expect(entitiesOf('50 mil', { financing: true, expect: 'downPayment' })).toMatchObject({
      downPaymentAmount: 50_000,
      priceMax: null,
    });
    expect(entitiesOf('300', { financing: false, expect: 'budget' })).toMatchObject({ priceMax: 300_000 });
    expect(entitiesOf('6 mil', { financing: true, expect: 'monthly' })).toMatchObject({
      monthlyPaymentTarget: 6_000,
    });
    expect(entitiesOf('4', { financing: true, expect: 'term' })).toMatchObject({ termYears: 4 });
  });

  it('reads a 5–6 digit id as a stock id, and ignores ages, phone numbers, warranties and times', () => {
    expect(entitiesOf('me interesa el 305016')).toMatchObject({ stockId: '305016', priceMax: null });
    expect(entitiesOf('el auto con id 243587')).toMatchObject({ stockId: '243587' });
    expect(entitiesOf('mi cel es 5512345678')).toMatchObject({ priceMax: null, stockId: null });
    expect(entitiesOf('tengo 25 años')).toMatchObject({ termYears: null });
    expect(entitiesOf('un carro de 5 años de antigüedad')).toMatchObject({ termYears: null });
    expect(entitiesOf('¿la garantía es de 3 meses?')).toMatchObject({ termYears: null });
    expect(entitiesOf('mañana a las 5')).toMatchObject({
      termYears: null,
      priceMax: null,
      preferredTime: 'mañana a las 5',
    });
    expect(entitiesOf('20% de descuento')).toMatchObject({ downPaymentPercent: null });
  });

  it('keeps several figures of one message apart', () => {
    expect(
      entitiesOf('Corolla 2020 con 20% de enganche a 4 años, pagando máximo 6 mil al mes'),
    ).toMatchObject({
      model: 'Corolla',
      yearMin: 2020,
      yearMax: 2020,
      downPaymentPercent: 20,
      termYears: 4,
      monthlyPaymentTarget: 6_000,
      priceMax: null,
    });
    expect(entitiesOf('un Versa 2020 de menos de 250 mil con menos de 60 mil km')).toMatchObject({
      yearMin: 2020,
      priceMax: 250_000,
      kmMax: 60_000,
    });
  });
});
