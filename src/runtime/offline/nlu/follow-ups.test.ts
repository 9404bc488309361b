import { describe, expect, it } from 'vitest';
import type { Entities, IntentType } from '../../../core/intents/schema.js';
import type { Profile } from '../../../core/profile.js';
import { emptyProfile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { extractIntents } from './index.js';

interface FollowUp {
  message: string;
  history: HistoryTurn[];
  profile?: Partial<Profile>;
  expected: [IntentType, Partial<Entities>?][];
}

/** A history where the agent said `agent` last (after the customer said `customer`, if given). */
function afterAgent(agent: string, customer?: string): HistoryTurn[] {
  const turns: HistoryTurn[] = customer ? [{ role: 'customer', text: customer }] : [];
  return [...turns, { role: 'agent', text: agent }];
}

/** A history of the customer's own messages only (what the agent said is not needed). */
function afterCustomer(...messages: string[]): HistoryTurn[] {
  return messages.map((text) => ({ role: 'customer', text }));
}

const CAR_LIST =
  'Te muestro 3 opciones: 1. Nissan Versa 2020, $250,999, 45,000 km 2. KIA Rio 2019, $230,999, 60,000 km 3. Volkswagen Jetta 2018, $280,999, 70,000 km.';
const FINANCING_ANSWER =
  'Con 20% de enganche a 4 años tu mensualidad sería de $6,371.06. ¿Quieres ver otro plazo?';

const FOLLOW_UPS: FollowUp[] = [
  {
    message: '¿y a 5 años?',
    history: afterAgent(FINANCING_ANSWER),
    expected: [['financing', { termYears: 5 }]],
  },
  { message: '¿y a 5?', history: afterAgent(FINANCING_ANSWER), expected: [['financing', { termYears: 5 }]] },
  {
    message: '¿y el Jetta?',
    history: afterAgent(FINANCING_ANSWER),
    expected: [['financing', { model: 'Jetta' }]],
  },
  {
    message: '¿tienes algo más barato?',
    history: afterAgent(CAR_LIST),
    expected: [['car_recommendation', { cheaper: true }]],
  },
  { message: 'el segundo', history: afterAgent(CAR_LIST), expected: [['car_recommendation', { pick: 2 }]] },
  {
    message: 'el último',
    history: afterAgent('Aquí están: 1. Versa 2. Rio'),
    profile: { lastRecommended: ['1', '2'] },
    expected: [['car_recommendation', { pick: 2 }]],
  },
  {
    message: 'la 2',
    history: afterAgent(`${CAR_LIST} ¿Quieres que te calcule el financiamiento de alguno?`),
    expected: [['financing', { pick: 2 }]],
  },
  {
    message: '¿cuánto quedaría la mensualidad del primero?',
    history: afterAgent(CAR_LIST),
    expected: [['financing', { pick: 1 }]],
  },
  {
    message: 'sí, agéndame',
    history: afterAgent('¿Te gustaría agendar una visita para verlo?'),
    expected: [['sales', { salesAction: 'visit' }]],
  },
  {
    message: 'si porfa',
    history: afterAgent('¿Te gustaría agendar una prueba de manejo?'),
    expected: [['sales', { salesAction: 'test_drive' }]],
  },
  {
    message: '300 mil',
    history: afterAgent('¡Claro! ¿Cuál es tu presupuesto?'),
    expected: [['car_recommendation', { priceMax: 300_000 }]],
  },
  {
    message: '250',
    history: afterAgent('¿Cuál es tu presupuesto aproximado?'),
    expected: [['car_recommendation', { priceMax: 250_000 }]],
  },
  {
    message: '50 mil',
    history: afterAgent('¿Cuánto te gustaría dar de enganche?'),
    expected: [['financing', { downPaymentAmount: 50_000, priceMax: null }]],
  },
  {
    message: 'mañana a las 5',
    history: afterAgent('¿Qué día te gustaría venir a verlo?'),
    expected: [['sales', { salesAction: 'visit', preferredTime: 'mañana a las 5' }]],
  },
  {
    message: 'Guadalajara',
    history: afterAgent('¿En qué ciudad estás?'),
    expected: [['kavak_info', { city: 'Guadalajara' }]],
  },
  {
    message: 'Juan',
    history: afterAgent('¿Con quién tengo el gusto?'),
    expected: [['greeting', { customerName: 'Juan' }]],
  },
  {
    message: '¿cuánto cuesta?',
    history: afterAgent('El Nissan Versa 2020 cuesta $250,999 y tiene 45,000 km.'),
    expected: [['car_recommendation']],
  },
  // Going on with the customer's previous request, with or without the agent's words.
  {
    message: '¿Y cómo la reclamo?',
    history: afterCustomer('¿Qué garantía tienen los autos?'),
    expected: [['kavak_info', { topic: 'garantía' }]],
  },
  {
    message: '¿Y si ya le metí 400 km?',
    history: afterCustomer('Si no me gusta el carro, ¿lo puedo devolver?'),
    expected: [['kavak_info', { topic: 'devolución' }]],
  },
  {
    message: '¿Y qué precio tiene?',
    history: afterCustomer('¿Cuántos km tiene el Kicks?'),
    expected: [['car_recommendation']],
  },
  {
    message: '¿Y si doy 80 mil?',
    history: afterCustomer('¿Cuánto pagaría al mes por el Versa 2020 a 4 años?'),
    expected: [['financing', { downPaymentAmount: 80_000, priceMax: null }]],
  },
  {
    message: 'Me llamo Ana López y estoy en Guadalajara',
    history: afterCustomer('Quiero agendar una prueba de manejo del Rio'),
    expected: [['sales', { customerName: 'Ana López', city: 'Guadalajara' }]],
  },
  {
    message: 'En Nuevo Sur, mañana a las 10',
    history: [],
    expected: [['sales', { salesAction: 'visit', city: 'Monterrey', preferredTime: 'mañana a las 10' }]],
  },
  {
    message: 'Gracias, ¿y de dónde son?',
    history: afterCustomer('¿Qué es Kavak?'),
    expected: [['kavak_info', { topic: 'qué es Kavak' }]],
  },
];

describe('extractIntents on follow-ups', () => {
  it.each(FOLLOW_UPS)('$message', ({ message, history, profile, expected }) => {
    const result = extractIntents({ message, history, profile: { ...emptyProfile(), ...profile } });
    expect(result.intents.map((i) => i.type)).toEqual(expected.map(([type]) => type));
    expected.forEach(([, entities], n) => {
      if (entities) expect(result.intents[n]!.entities).toMatchObject(entities);
    });
  });

  it('falls back on the profile when there is no history: a plan in progress makes "¿y a 5?" a term', () => {
    const profile: Profile = { ...emptyProfile(), termYears: 4, downPaymentPercent: 20 };
    const result = extractIntents({ message: '¿y a 5?', history: [], profile });
    expect(result.intents).toMatchObject([
      { type: 'financing', entities: { termYears: 5, downPaymentPercent: null } },
    ]);
    const fresh = extractIntents({ message: '¿y a 5?', history: [], profile: emptyProfile() });
    expect(fresh.intents.map((i) => i.type)).toEqual(['out_of_scope']);
  });

  it('reads follow-ups only through the conversation: "el segundo" with no list is still a pick', () => {
    const result = extractIntents({ message: 'el segundo', history: [], profile: emptyProfile() });
    expect(result.intents).toMatchObject([{ type: 'car_recommendation', entities: { pick: 2 } }]);
  });
});
