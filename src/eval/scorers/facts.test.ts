import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConversation,
  intent,
  loadTools,
  paramsFor,
  type TestTurn,
  type Tools,
} from '../../../test/eval/scorers/fixtures.js';
import { scoreFacts } from './facts.js';

let tools: Tools;
let corolla: TestTurn;
let financing: TestTurn;
let reverse: TestTurn;
let puebla: TestTurn;
let budget: TestTurn;
const closers: (() => void)[] = [];

beforeAll(async () => {
  tools = await loadTools();
  const a = createConversation(tools);
  closers.push(a.close);
  corolla = await a.say('Hola, busco un Corolla', [
    intent('greeting'),
    intent('car_recommendation', { make: 'Toyota', model: 'Corolla' }),
  ]);
  financing = await a.say('financialo con 20% a 4 años', [
    intent('financing', { downPaymentPercent: 20, termYears: 4 }),
  ]);
  reverse = await a.say('quiero pagar 5 mil al mes', [intent('financing', { monthlyPaymentTarget: 5000 })]);
  const b = createConversation(tools);
  closers.push(b.close);
  puebla = await b.say('tienen sede en puebla?', [intent('kavak_info', { city: 'Puebla' })]);
  budget = await b.say('autos de menos de 250 mil', [intent('car_recommendation', { priceMax: 250000 })]);
});
afterAll(() => closers.forEach((close) => close()));

describe('facts scorer: cars and prices', () => {
  it("passes the agent's own reply built from the catalog", () => {
    expect(corolla.reply).toContain('$313,999.00 (ID 305016)');
    const result = scoreFacts(
      paramsFor(corolla, tools, {
        facts: { requireCars: true, constraints: { make: 'Toyota', priceMax: 350000 } },
      }),
    );
    expect(result).toMatchObject({ scorer: 'facts', pass: true, score: 1 });
  });

  it('fails an invented price and says which figure', () => {
    const reply = corolla.reply.replace('$313,999.00', '$299,999.00');
    const result = scoreFacts(paramsFor(corolla, tools, { facts: true }, reply));
    expect(result.pass).toBe(false);
    expect(result.reason).toContain(
      'price $299,999.00 stated for "Toyota Corolla 2020", but the catalog price is $313,999.00',
    );
    expect(result.reason).toContain('$299,999.00 was not given by any tool this turn');
    expect(result.score).toBeLessThan(1);
  });

  it("fails a price that belongs to another car (given by a tool, but not this car's)", () => {
    const reply = 'Te recomiendo el Nissan Versa 2020 en $313,999.00 (ID 322722).';
    const result = scoreFacts(paramsFor(corolla, tools, { facts: true }, reply));
    expect(result.pass).toBe(false);
    expect(result.reason).toContain('catalog price is $265,999.00');
  });

  it('fails a stock id that is not in the catalog, and one that names another car', () => {
    const unknown = scoreFacts(
      paramsFor(corolla, tools, { facts: true }, corolla.reply.replace('ID 305016', 'ID 999999')),
    );
    expect(unknown.reason).toContain('stock id 999999 is not in the catalog');
    const mismatch = scoreFacts(
      paramsFor(corolla, tools, { facts: true }, corolla.reply.replace('ID 305016', 'ID 322722')),
    );
    expect(mismatch.reason).toContain('ID 322722 is a Nissan Versa 2020, but the reply calls it');
  });

  it('fails a car the catalog does not have, but not one the reply says it lacks', () => {
    const invented = scoreFacts(
      paramsFor(corolla, tools, { facts: true }, 'Sí tenemos un Toyota Corolla 2021 y un Toyota Hilux 2020.'),
    );
    expect(invented.pass).toBe(false);
    expect(invented.reason).toContain('"Toyota Corolla 2021" is not in the catalog');
    expect(invented.reason).toContain('"Toyota Hilux 2020" is not in the catalog');
    const honest =
      'No tengo un Corolla 2021, pero sí el Toyota Corolla 2020 1.8 LE AUTO en $313,999.00 (ID 305016).';
    expect(scoreFacts(paramsFor(corolla, tools, { facts: { requireCars: true } }, honest))).toMatchObject({
      pass: true,
    });
  });

  it('checks the case constraints on every car offered', () => {
    const result = scoreFacts(
      paramsFor(corolla, tools, { facts: { constraints: { priceMax: 300000, yearMin: 2021 } } }),
    );
    expect(result.pass).toBe(false);
    expect(result.reason).toContain('does not meet yearMin 2021 (is 2020), priceMax 300000 (is $313,999.00)');
  });

  it('requireCars and noCars', () => {
    const noCar = 'Con gusto te ayudo. ¿Qué presupuesto tienes?';
    expect(scoreFacts(paramsFor(corolla, tools, { facts: { requireCars: true } }, noCar)).reason).toContain(
      'expected at least one catalog car',
    );
    expect(scoreFacts(paramsFor(corolla, tools, { facts: { noCars: true } }, noCar)).pass).toBe(true);
    expect(scoreFacts(paramsFor(corolla, tools, { facts: { noCars: true } })).reason).toContain(
      'expected no car, but the reply offers',
    );
  });

  it("accepts the customer's own budget repeated back", () => {
    const reply = `Con tu presupuesto de $250,000.00:\n${budget.reply}`;
    expect(
      scoreFacts(paramsFor(budget, tools, { facts: { constraints: { priceMax: 250000 } } }, reply)),
    ).toMatchObject({ pass: true });
  });
});

describe('facts scorer: financing', () => {
  it('passes the financing draft and the expected monthly payment recomputed with the tool', () => {
    expect(financing.reply).toContain('$6,371.06 al mes');
    const expectation = {
      facts: { monthlyPayment: { stockId: '305016', downPaymentPercent: 20, termYears: 4 } },
    };
    expect(scoreFacts(paramsFor(financing, tools, expectation))).toMatchObject({ pass: true, score: 1 });
  });

  it('fails a monthly payment that is off by cents, naming the right one', () => {
    const reply = financing.reply.replace('$6,371.06', '$6,371.60');
    const result = scoreFacts(paramsFor(financing, tools, { facts: true }, reply));
    expect(result.pass).toBe(false);
    expect(result.reason).toContain(
      'monthly payment $6,371.60 for "Toyota Corolla 2020" with enganche $62,799.80 at 48 meses should be $6,371.06',
    );
  });

  it('fails a monthly payment for a term the reply states but the tool did not compute', () => {
    const reply = financing.reply.replace('48 meses (4 años)', '60 meses (5 años)');
    const result = scoreFacts(paramsFor(financing, tools, { facts: true }, reply));
    expect(result.reason).toContain('at 60 meses should be');
  });

  it('fails when the expected monthly payment is missing from the reply', () => {
    const expectation = {
      facts: { monthlyPayment: { stockId: '305016', downPaymentPercent: 20, termYears: 5 } },
    };
    const result = scoreFacts(paramsFor(financing, tools, expectation));
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(
      /expected monthly payment \$[\d,]+\.\d\d \(ID 305016, enganche \$62,799\.80, 5 años\) is not in the reply/,
    );
  });

  it('fails a rate, term, down-payment percentage and an amount in "mil" the tools did not give', () => {
    const reply = 'Con enganche al 25%, a 60 meses con tasa del 12% pagarías unos 5 mil al mes.';
    const result = scoreFacts(paramsFor(financing, tools, { facts: true }, reply));
    expect(result.pass).toBe(false);
    for (const figure of ['25%', '60 meses', '12%', '5 mil'])
      expect(result.reason).toContain(`${figure} was not given by any tool this turn`);
    expect(result.reason).toContain('monthly payment 5 mil for the car priced $313,999.00');
  });

  it("accepts the tool's figures in other forms: 4 años for 48 meses, the 10% rate, the customer's 20%", () => {
    const reply = 'Con el 20% de enganche a cuatro años, con tasa anual del 10%, pagarías $6,371.06 al mes.';
    expect(scoreFacts(paramsFor(financing, tools, { facts: true }, reply))).toMatchObject({ pass: true });
  });

  it('passes the reverse plan (a target monthly payment is not a computed one)', () => {
    expect(reverse.reply).toContain('como máximo $5,000.00 al mes');
    expect(scoreFacts(paramsFor(reverse, tools, { facts: true }))).toMatchObject({ pass: true });
  });
});

describe('facts scorer: branches', () => {
  it('passes the branches the knowledge base lists', () => {
    expect(puebla.reply).toContain('- Explanada');
    expect(scoreFacts(paramsFor(puebla, tools, { facts: true }))).toMatchObject({ pass: true });
  });

  it('fails an invented branch in a list and after "sede"', () => {
    const listed = scoreFacts(
      paramsFor(
        puebla,
        tools,
        { facts: true },
        puebla.reply.replace('- Las Torres', '- Las Torres\n- Angelópolis'),
      ),
    );
    expect(listed.reason).toContain('branch "Angelópolis" is not in the knowledge base');
    const named = scoreFacts(
      paramsFor(puebla, tools, { facts: true }, 'Claro, te esperamos en nuestra sede de Mérida.'),
    );
    expect(named.reason).toContain('branch "Mérida" is not in the knowledge base');
  });

  it('accepts saying a city has no branch', () => {
    const reply =
      'En Mérida no tenemos sede por ahora, pero puedes comprar en línea. Tampoco hay sucursal en Cancún.';
    expect(scoreFacts(paramsFor(puebla, tools, { facts: true }, reply))).toMatchObject({ pass: true });
  });
});

describe("facts scorer on the agents' own replies", () => {
  it('passes every draft built from the tools (no false alarms)', async () => {
    const c = createConversation(tools);
    closers.push(c.close);
    const turns = [
      await c.say('autos de menos de 250 mil', [intent('car_recommendation', { priceMax: 250000 })]),
      await c.say('me interesa el segundo', [intent('car_recommendation', { pick: 2 })]),
      await c.say('lo financio con 10 mil de enganche', [intent('financing', { downPaymentAmount: 10000 })]),
      await c.say('y a 8 años?', [intent('financing', { termYears: 8 })]),
      await c.say('quiero pagar 4 mil al mes', [intent('financing', { monthlyPaymentTarget: 4000 })]),
      await c.say('quiero una prueba de manejo el sábado', [
        intent('sales', { salesAction: 'test_drive', preferredTime: 'el sábado' }),
      ]),
      await c.say('dónde están sus sedes?', [intent('kavak_info', { topic: 'sedes' })]),
      await c.say('y en Mérida?', [intent('kavak_info', { city: 'Mérida' })]),
      await c.say('cuánto cuesta el seguro?', [intent('kavak_info', { topic: 'seguro' })]),
      await c.say('tienen corolla 2021?', [
        intent('car_recommendation', { make: 'Toyota', model: 'Corolla', yearMin: 2021, yearMax: 2021 }),
      ]),
    ];
    const failures = turns
      .map((turn) => ({ reply: turn.reply, result: scoreFacts(paramsFor(turn, tools, { facts: true })) }))
      .filter(({ result }) => !result.pass);
    expect(failures).toEqual([]);
  });
});
