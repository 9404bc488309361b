import { describe, expect, it } from 'vitest';
import type { Entities } from '../../../core/intents/schema.js';
import { emptyProfile, type Profile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { extractIntents } from './index.js';

/** A car already shown: questions about it are about the car in focus. */
const IN_FOCUS: Partial<Profile> = { carUnderDiscussion: '305016', lastRecommended: ['305016'] };
const SHOWN: HistoryTurn[] = [
  { role: 'customer', text: 'me interesa un corolla' },
  {
    role: 'agent',
    text: '1. Toyota Corolla 2020 1.8 LE AUTO · 29,377 km · $313,999.00 (ID 305016)\n¿Te interesa?',
  },
];

function read(message: string, profile: Partial<Profile> = IN_FOCUS, history = SHOWN): Entities {
  const { intents } = extractIntents({ message, history, profile: { ...emptyProfile(), ...profile } });
  const cars = intents.find((i) => i.type === 'car_recommendation');
  expect(cars, `car_recommendation for "${message}"`).toBeDefined();
  return cars!.entities;
}

describe('questions about the car in focus (by sentence shape)', () => {
  it.each([
    ['y q kilometraje trae?', ['km']],
    ['oye de q año es', ['year']],
    ['cual es la version', ['version']],
    ['es estandar o automatico?', ['transmission']],
    ['viene con bluetooth o no', ['bluetooth']],
    ['y carplay?', ['carplay']],
    ['q tan largo es?', ['length']],
    ['y de alto cuanto mide', ['height']],
    ['cuanto mide en total?', ['dimensions']],
    ['para cuantas personas es', ['seats']],
    ['es sedan?', ['body_type']],
    ['cuantos km lleva y trae apple carplay?', ['km', 'carplay']],
  ])('%s → %j', (message, attributes) => {
    expect(read(message).carQuestion).toEqual(attributes);
  });

  // Issue 10, round 3: English questions about the car in focus, by the same sentence shapes.
  it.each([
    ['so what mileage has it got', ['km']],
    ['which year is it? is it manual or automatic', ['year', 'transmission']],
    ['will it come with apple carplay', ['carplay']],
    ['how tall is the car', ['height']],
    ['how many passengers fit', ['seats']],
    // About several cars at once (the ones just listed): plural words.
    ['y esos vienen estandares?', ['transmission']],
    ['are those automatics?', ['transmission']],
  ])('%s → %j', (message, attributes) => {
    expect(read(message).carQuestion).toEqual(attributes);
  });

  it('puts each measure of the space on the dimension its words name', () => {
    const narrow = read('q tan ancho viene? el portón de mi casa es estrecho, unos 2.05 m');
    expect(narrow).toMatchObject({ carQuestion: ['width'], spaceWidthM: 2.05, spaceLengthM: null });
    const low = read('el techo del estacionamiento del super es de 1.8 m, pasa sin problema?');
    expect(low).toMatchObject({ spaceHeightM: 1.8, spaceLengthM: null, spaceWidthM: null });
    expect(read('y me cabria en un lugar de 4.3 m de fondo?')).toMatchObject({ spaceLengthM: 4.3 });
  });

  it('reads the garage length in metres, whatever the unit, and never as money', () => {
    const metres = read('en mi garaje hay 4 metros y medio, entraria?');
    expect(metres).toMatchObject({ spaceLengthM: 4.5, priceMax: null, priceMin: null });
    expect(metres.carQuestion).toContain('dimensions');
    expect(read('el cajon de estacionamiento es de 480 cm').spaceLengthM).toBe(4.8);
  });

  it('a feature asked about is not a search filter; one asked for is', () => {
    expect(read('y trae bluetooth?')).toMatchObject({ carQuestion: ['bluetooth'], bluetooth: null });
    expect(read('tienen alguno con bluetooth?', {}, [])).toMatchObject({ carQuestion: [], bluetooth: true });
    expect(read('busco uno que tiene carplay', {}, [])).toMatchObject({ carQuestion: [], carplay: true });
  });

  it('"de esos…" asks about the list, not the car in focus', () => {
    expect(read('de esos cual trae bluetooth?').carQuestion).toEqual([]);
  });
});

describe('body type, seats and use', () => {
  it.each([
    ['ocupo una pick up doble cabina', { bodyTypes: ['pickup'] }],
    ['algo tipo suv o crossover', { bodyTypes: ['suv'] }],
    ['prefiero hatch, nada de sedanes', { bodyTypes: ['hatchback'] }],
    ['necesito una minivan de 8 asientos', { bodyTypes: ['minivan'], seatsMin: 8 }],
    ['algo con tercera fila', { seatsMin: 7 }],
    ['un carro para repartir', { carUse: 'work' }],
    ['somos 5 con mis hijos, q me recomiendas', { carUse: 'family' }],
  ])('%s', (message, expected) => {
    expect(read(message, {}, [])).toMatchObject(expected);
  });

  it('asking whether the car is a sedan is a question, not a filter', () => {
    expect(read('oye y es sedan o hatch?')).toMatchObject({ carQuestion: ['body_type'], bodyTypes: [] });
  });
});

describe('comparisons by structure', () => {
  const pairs = (entities: Entities) => entities.comparedCars;
  it.each([
    ['q es mejor, el rio o el yaris?', ['Kia Rio', 'Toyota Yaris']],
    ['sentra contra corolla, cual convendria', ['Nissan Sentra', 'Toyota Corolla']],
    ['dudo entre la cx-5 y la rav4', ['Mazda CX-5', 'Toyota RAV4']],
    ['comparame el kicks con el hr-v y el tracker', ['Nissan Kicks', 'Honda HR-V', 'Chevrolet Tracker']],
    ['versa 2020 vs versa 2018', ['Nissan Versa 2020', 'Nissan Versa 2018']],
  ])('%s', (message, models) => {
    expect(pairs(read(message, {}, []))).toEqual(models);
  });

  it('keeps the year of each car and does not compare a plain list', () => {
    expect(read('tienen versa y aveo?', {}, []).comparedCars).toEqual([]);
  });
});
