import { describe, expect, it } from 'vitest';
import type { Entities, IntentType } from '../../../core/intents/schema.js';
import type { Profile } from '../../../core/profile.js';
import { emptyProfile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { extractIntents } from './index.js';

/** Issue 10 round 3: phrasings that appear neither in the issue nor in the golden set. */
interface Reading {
  message: string;
  history?: HistoryTurn[];
  profile?: Partial<Profile>;
  expected: [IntentType, Partial<Entities>?][];
}

const LIST =
  '1. Fiat Palio 2018 1.6 ADVENTURE AT · 51,389 km · $183,999.00 (ID 306689)\n2. Seat Ibiza 2016 1.6 STYLE · 78,000 km · $187,999.00 (ID 299917)\n3. Kia Forte 2016 2.0 LX MT · 73,050 km · $180,999.00 (ID 317114)\n¿Te interesa alguno?';
const shown: Partial<Profile> = {
  lastRecommended: ['306689', '299917', '317114'],
  carUnderDiscussion: '306689',
};
const afterList: HistoryTurn[] = [
  { role: 'customer', text: 'q tienen de 180 a 190 mil' },
  { role: 'agent', text: LIST },
];

const READINGS: Reading[] = [
  // Item 1: a price objection next to a request is no haggle; alone it is.
  {
    message: 'chale esta re caro, tienen alguna minivan con menos kilometros?',
    expected: [['car_recommendation', { sortBy: 'km_asc', wantsOne: false, bodyTypes: ['minivan'] }]],
  },
  { message: 'se me hace muy caro ese', expected: [['haggle', { offeredPrice: null }]] },
  { message: 'ta caro, me lo das en 170?', expected: [['haggle', { offeredPrice: 170_000 }]] },
  // Item 2: superlatives over a body type, with a year bound.
  {
    message: 'cual es la minivan mas nueva?',
    expected: [['car_recommendation', { sortBy: 'year_desc', wantsOne: true, bodyTypes: ['minivan'] }]],
  },
  {
    message: 'los sedanes mas baratos del 2021 para arriba',
    expected: [
      [
        'car_recommendation',
        { sortBy: 'price_asc', wantsOne: false, yearMin: 2021, kmMax: null, cheaper: null },
      ],
    ],
  },
  // Item 3: a shown car by its year, price, transmission or colour.
  {
    message: 'el del 2016 tiene bluetooth?',
    history: afterList,
    profile: shown,
    expected: [
      [
        'car_recommendation',
        { shownReference: true, yearMin: 2016, yearMax: 2016, carQuestion: ['bluetooth'] },
      ],
    ],
  },
  {
    message: 'la de 184 mil',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, priceMax: 184_000 }]],
  },
  {
    message: 'y el estandar?',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, transmission: 'manual' }]],
  },
  {
    message: 'me late el plateado',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, otherFeatures: ['color gris'] }]],
  },
  {
    message: 'the 2016 one please',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, yearMin: 2016 }]],
  },
  {
    message: 'whats the cheapest of those?',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { sortBy: 'price_asc', scope: 'shown' }]],
  },
  // …but asking for other cars is a search, and with nothing shown there is nothing to point at.
  {
    message: 'tienes otro del 2016?',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: null, yearMin: 2016 }]],
  },
  { message: 'el 2019', expected: [['car_recommendation', { shownReference: null, yearMin: 2019 }]] },
  {
    message: 'la que sale en 188 trae carplay?',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, priceMax: 188_000 }]],
  },
  // A plan for a shown car described by its km is for THAT car; two cars of that year: ask which.
  {
    message: 'y la de 78 mil km cuanto me saldria al mes a 3 años?',
    history: afterList,
    profile: shown,
    expected: [['financing', { stockId: '299917', termYears: 3 }]],
  },
  {
    message: 'la del 2016 me gustaria verla mañana',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { shownReference: true, stockId: null }]],
  },
  { message: 'uff q caro, oye y ese trae camara de reversa?', expected: [['car_recommendation']] },
  // Item 4: the garage without a unit, and a search for what fits it.
  {
    message: 'mi garaje es de 4.60',
    expected: [['car_recommendation', { spaceLengthM: 4.6, priceMax: null }]],
  },
  {
    message: 'y cual hatchback me sugieres q si entre en mi cochera',
    expected: [['car_recommendation', { fitsSpace: true, bodyTypes: ['hatchback'], carQuestion: [] }]],
  },
  // Item 5: budgets said sideways are a top, never a floor.
  {
    message: 'lo mas que puedo gastar son 270 mil',
    expected: [['car_recommendation', { priceMax: 270_000, priceMin: null }]],
  },
  {
    message: 'no gasto mas de 200k, q sea de 7 asientos',
    expected: [['car_recommendation', { priceMax: 200_000, priceMin: null, seatsMin: 7 }]],
  },
  { message: 'mi limite es 320', expected: [['car_recommendation', { priceMax: 320_000 }]] },
  { message: '240 es lo maximo q tengo', expected: [['car_recommendation', { priceMax: 240_000 }]] },
  { message: 'de 210 no paso eh', expected: [['car_recommendation', { priceMax: 210_000 }]] },
  { message: 'algo q no rebase los 330', expected: [['car_recommendation', { priceMax: 330_000 }]] },
  // Item 6: "ese rango" is the remembered budget, not the car in focus.
  {
    message: 'y en ese rango q camionetas hay?',
    history: afterList,
    profile: shown,
    expected: [['car_recommendation', { stockId: null, priceMax: null, bodyTypes: ['suv', 'minivan'] }]],
  },
  // Item 7: what fits a payment, with the filters said between "qué" and "me alcanza".
  {
    message: 'con 6500 mensuales q camioneta de 7 asientos me alcanza?',
    expected: [
      ['car_recommendation', { monthlyPaymentTarget: 6_500, seatsMin: 7, bodyTypes: ['suv', 'minivan'] }],
    ],
  },
  {
    message: 'doy 35 mil de enganche y pago 5500 al mes a 5 años, algun sedan 2021 o mas nuevo?',
    expected: [['car_recommendation', { monthlyPaymentTarget: 5_500, yearMin: 2021, bodyTypes: ['sedan'] }]],
  },
  // Item 8: two stock ids to choose between.
  {
    message: 'cual es mejor, el 291054 o el 291733',
    expected: [['car_recommendation', { comparedCars: ['291054', '291733'] }]],
  },
];

describe('round 3 readings: car search, ordering, references and budgets', () => {
  it.each(READINGS)('$message', ({ message, history = [], profile, expected }) => {
    const result = extractIntents({ message, history, profile: { ...emptyProfile(), ...profile } });
    expect(result.intents.map((i) => i.type)).toEqual(expected.map(([type]) => type));
    expected.forEach(([, entities], n) => {
      if (entities) expect(result.intents[n]!.entities).toMatchObject(entities);
    });
  });
});
