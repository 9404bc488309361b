import { describe, expect, it } from 'vitest';
import type { Entities, IntentType } from '../../../core/intents/schema.js';
import { emptyProfile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { extractIntents } from './index.js';
import type { Vocabulary } from './vocabulary.js';

/** Branches as the knowledge base lists them; car names from the built-in lexicon. */
const VOCABULARY: Vocabulary = {
  makes: [],
  models: [],
  branches: [
    { name: 'Artz Pedregal', city: 'Ciudad de México y Estado de México' },
    { name: 'Patio Santa Fe', city: 'Ciudad de México y Estado de México' },
    { name: 'Las Torres', city: 'Puebla' },
    { name: 'Explanada', city: 'Puebla' },
    { name: 'Kavak Cuernavaca', city: 'Cuernavaca' },
  ],
};

function read(message: string, history: HistoryTurn[] = []): { type: IntentType; entities: Entities }[] {
  return extractIntents({ message, history, profile: emptyProfile() }, VOCABULARY).intents;
}

function entitiesOf(message: string, type: IntentType, history: HistoryTurn[] = []): Entities {
  const intent = read(message, history).find((i) => i.type === type);
  expect(intent, `${type} in "${message}"`).toBeDefined();
  return intent!.entities;
}

const TWO_LISTS: HistoryTurn[] = [
  { role: 'customer', text: 'busco un mazda' },
  {
    role: 'agent',
    text: 'Tengo estas:\n1. Mazda 3 2021 2.5 I SPORT AUTO · 22,700 km · $346,999.00 (ID 302496)\n2. Mazda CX-5 2019 2.5 I GRAND TOURING · 51,000 km · $396,999.00 (ID 311758)\n¿Te interesa alguno?',
  },
  { role: 'customer', text: 'y hondas?' },
  {
    role: 'agent',
    text: 'Tengo estas:\n1. Honda City 2020 1.5 EX CVT · 40,000 km · $269,999.00 (ID 300001)\n2. Honda HR-V 2019 1.8 PRIME · 60,000 km · $319,999.00 (ID 300002)\n¿Te interesa alguno?',
  },
];

describe('offline NLU: the visit details of one message', () => {
  it('reads a name, a time and a branch shortened to a part of its name', () => {
    const e = entitiesOf('me llamo Sofía; mañana a las 4 en la de pedregal', 'sales');
    expect(e).toMatchObject({
      customerName: 'Sofía',
      preferredTime: 'mañana a las 4',
      branch: 'Artz Pedregal',
    });
  });

  it('does not take a job or a hometown for a name', () => {
    for (const message of [
      'soy taxista y quiero ir a verlo',
      'soy mecanico, lo puedo ir a ver?',
      'soy de cuerna, quiero ir a verlo',
    ]) {
      expect(
        read(message).every((i) => i.entities.customerName === null),
        message,
      ).toBe(true);
    }
  });

  it('does not take a surname for a branch: "Torres" is one only where a place is said', () => {
    expect(entitiesOf('soy Ana Torres, quiero agendar una cita', 'sales').branch).toBeNull();
    expect(entitiesOf('quiero agendar una cita en las torres', 'sales').branch).toBe('Las Torres');
  });

  it("reads bringing the car to the customer's home as home delivery", () => {
    const [intent] = read('nos lo pueden traer hasta la casa?');
    expect(intent?.entities).toMatchObject({ infoTopic: 'delivery', homeDelivery: true });
  });
});

describe('offline NLU: the car the customer means among those shown', () => {
  it('books the car named that was shown before another list', () => {
    const e = entitiesOf('me gustaria ir a ver la cx-5', 'sales', TWO_LISTS);
    expect(e.stockId).toBe('311758');
  });

  it('reads "el segundo que me enseñaste" in the first list shown', () => {
    const [intent] = read('el segundo que me enseñaste tiene carplay?', TWO_LISTS);
    expect(intent?.entities.stockId).toBe('311758');
  });
});

describe('offline NLU: knowledge topics and the customer own figures', () => {
  it('reads weeks since the purchase as usage, not a search', () => {
    const intents = read('la compré hace tres semanas y ya no la quiero, se puede devolver?');
    expect(intents.map((i) => i.type)).toEqual(['kavak_info']);
    expect(intents[0]!.entities).toMatchObject({ infoTopic: 'returns', usageDays: 21 });
  });

  it('reads km driven as usage, never as a mileage filter', () => {
    const intents = read('ya tiene 450 km recorridos, aun la puedo regresar?');
    expect(intents.map((i) => i.type)).toEqual(['kavak_info']);
    expect(intents[0]!.entities).toMatchObject({ infoTopic: 'returns', usageKm: 450, kmMax: null });
  });

  it('reads the amount of an apartado as its own topic (the knowledge base has no answer)', () => {
    expect(entitiesOf('de cuanto es el apartado?', 'kavak_info').infoTopic).toBe('reservation');
  });

  it('reads opening hours with the city they are for', () => {
    expect(entitiesOf('hasta que hora atienden en cuernavaca', 'kavak_info')).toMatchObject({
      infoTopic: 'hours',
      city: 'Cuernavaca',
    });
  });
});

describe('offline NLU: costs of the credit and greetings after a car', () => {
  it('reads a question about what the loan costs as a knowledge question, not a plan to compute', () => {
    for (const message of [
      'oigan y el prestamo tiene comision x apertura??',
      'any fees for the financing?',
      'manejan msi en el credito',
      'de cuanto es el cat de su financiamiento',
    ]) {
      expect(
        read(message).map((i) => i.type),
        message,
      ).toEqual(['kavak_info']);
    }
  });

  it('still computes a plan asked next to the cost question', () => {
    const types = read('cuanto quedaria la mensualidad del mazda 3 con 60 mil? y hay comision?').map(
      (i) => i.type,
    );
    expect(types).toContain('financing');
    expect(types).toContain('kavak_info');
  });

  it('does not greet back when "qué tal" asks about a car just shown', () => {
    for (const message of ['la cx5 que tal?', 'el 2019, que tal?']) {
      expect(
        read(message, TWO_LISTS).map((i) => i.type),
        message,
      ).not.toContain('greeting');
    }
    expect(read('oye que tal').map((i) => i.type)).toContain('greeting');
  });
});
