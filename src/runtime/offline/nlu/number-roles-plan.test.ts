import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../core/intents/schema.js';
import { emptyProfile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { extractIntents } from './extract-intents.js';

/** The agent has just computed the payments of the car under discussion. */
const PLAN_SHOWN: HistoryTurn[] = [
  { role: 'customer', text: 'me interesa financiar el tracker' },
  {
    role: 'agent',
    text: 'Para el Chevrolet Tracker 2021 (ID 278247), con precio de $301,999.00:\nCon un enganche mínimo (10%) de $30,199.90, financias $271,799.10.\n- 48 meses: $6,893.51 al mes\n¿Cuánto te gustaría dar de enganche?',
  },
];
const CHOSEN = { ...emptyProfile(), carUnderDiscussion: '278247' };

function read(message: string, history: HistoryTurn[] = PLAN_SHOWN): Intent[] {
  return extractIntents({ message, history, profile: CHOSEN }).intents;
}

function financing(message: string, history?: HistoryTurn[]): Intent['entities'] | undefined {
  return read(message, history).find((i) => i.type === 'financing')?.entities;
}

describe('an amount while a plan for the chosen car is on the table', () => {
  it.each([
    ['y con 70 nomas?', 70_000],
    ['mejor con 90 mil', 90_000],
    ['q tal 120 mil a 5 años', 120_000],
    ['y con $45,000', 45_000],
  ])('%s is the down payment, not a budget', (message, pesos) => {
    const e = financing(message);
    expect(e).toMatchObject({ downPaymentAmount: pesos, priceMax: null });
  });

  it('an answer about Kavak in between keeps the plan on the table', () => {
    const history: HistoryTurn[] = [
      ...PLAN_SHOWN,
      { role: 'customer', text: 'cuanto dura la garantia' },
      { role: 'agent', text: 'Tu auto incluye 3 meses de garantía.' },
    ];
    expect(financing('y poniendo 90?', history)).toMatchObject({ downPaymentAmount: 90_000, followUp: null });
  });

  it('a budget word still makes it a budget', () => {
    const intents = read('tengo hasta 250 mil, q otro me recomiendas?');
    expect(intents.flatMap((i) => [i.entities.priceMax, i.entities.downPaymentAmount])).toContain(250_000);
    expect(intents.every((i) => i.entities.downPaymentAmount === null)).toBe(true);
  });

  it('asking for another car with a figure is a search with that budget', () => {
    const intents = read('y tendras alguna camioneta de 280?');
    expect(intents.some((i) => i.entities.downPaymentAmount !== null)).toBe(false);
  });

  it('without a plan shown, a bare amount is not read as a down payment', () => {
    const history: HistoryTurn[] = [
      { role: 'customer', text: 'busco una suv' },
      {
        role: 'agent',
        text: 'Tengo 3 opciones para ti:\n1. Chevrolet Tracker 2021 · $301,999.00\n¿Te interesa alguno?',
      },
    ];
    const e = read('y con 90 mil?', history).map((i) => i.entities);
    expect(e.every((x) => x.downPaymentAmount === null)).toBe(true);
  });
});

describe('"lo mínimo" is the lowest down payment, computed by the financing tool', () => {
  it.each(['y dando lo minimo?', 'con el enganche mas bajo q se pueda', 'el minimo de entrada porfa'])(
    '%s',
    (message) => {
      expect(financing(message)).toMatchObject({ downPaymentMinimum: true, downPaymentAmount: null });
    },
  );

  it('"mínimo 60 mil" is a figure, not the minimum', () => {
    expect(financing('de enganche minimo 60 mil')).toMatchObject({
      downPaymentMinimum: null,
      downPaymentAmount: 60_000,
    });
  });
});

describe('a share of the price as the down payment', () => {
  it.each([
    ['doy la mitad de enganche y lo demas a meses', 50],
    ['una quinta parte de entrada para el kicks', 20],
  ])('%s → %d%%', (message, percent) => {
    const intent = extractIntents({ message, history: [], profile: emptyProfile() }).intents.find(
      (i) => i.type === 'financing',
    );
    expect(intent?.entities.downPaymentPercent).toBe(percent);
  });
});

describe('figures written the way customers write them', () => {
  it.each([
    ['algo de 2 cientos mil', 200_000],
    ['tengo 4 cientos 50 mil', 450_000],
  ])('%s → budget %d', (message, pesos) => {
    const [intent] = extractIntents({ message, history: [], profile: emptyProfile() }).intents;
    expect(intent?.entities.priceMax).toBe(pesos);
  });
});
