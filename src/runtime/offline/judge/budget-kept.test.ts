import { describe, expect, it } from 'vitest';
import { judgeConversationOffline } from './conversation-checks.js';

/** Customer and agent turns, alternating, judged by the offline kept-budget check. */
function keptBudget(...texts: string[]) {
  const turns = texts.map((text, i) => ({
    role: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
    text,
  }));
  return judgeConversationOffline(
    { rubric: 'kept-budget', rubricHash: 'test', offlineCheck: 'budget-kept', goal: null, turns },
    'budget-kept',
  );
}

const LISTED_UNDER_350 = [
  'Para la familia busqué SUVs y minivans de 5 pasajeros o más.',
  '1. Chevrolet Tracker 2021 1.2 LS A · 15,555 km · $301,999.00 (ID 278247)',
  '2. Ford EcoSport 2020 1.5 TREND · 27,000 km · $285,999.00 (ID 316174)',
  '¿Te interesa alguno? Te calculo la mensualidad o te agendo una visita.',
].join('\n');

describe('budget-kept reads figures by their role, not every amount as a price', () => {
  it('a financing plan on an in-budget car passes: its total paid is no car price', () => {
    const result = keptBudget(
      'tienen una camioneta pa la familia por menos de 350 mil?',
      LISTED_UNDER_350,
      'y a credito? con 20% de enganche a 4 anos, cuanto quedaria la mensualidad del primero?',
      [
        'Para el Chevrolet Tracker 2021 1.2 LS A (ID 278247), con precio de $301,999.00:',
        'Con un enganche de $60,399.80 (20%), financias $241,599.20.',
        '- 48 meses (4 años): $6,127.58 al mes',
        'Pagarías en total $354,523.64 (intereses: $52,524.64).',
      ].join('\n'),
    );
    expect(result).toMatchObject({ pass: true, score: 1 });
    expect(result.reasoning).not.toContain('$354,523.64');
  });

  it('a dearer car the agent says goes over the budget passes, with its financed amount and total', () => {
    const result = keptBudget(
      'busco una camioneta de hasta 250 mil',
      'Te muestro la Ford EcoSport 2020 a $245,999.00 (ID 316174).',
      '¿y la Tracker 2021? ¿cómo quedaría a crédito?',
      [
        'La Chevrolet Tracker 2021 (ID 278247) cuesta $301,999.00: se pasa de tu presupuesto de $250,000.00.',
        'Con un enganche de $30,199.90, financias $271,799.10; pagarías en total $398,000.00.',
      ].join('\n'),
    );
    expect(result).toMatchObject({ pass: true, score: 1 });
    expect(result.reasoning).toContain('saying so');
  });

  it("the customer's own car's value is neither a budget nor a car offered", () => {
    const ownCarNoBudget = keptBudget(
      'quiero vender mi carro, vale como 180 mil, y busco una camioneta',
      'Te muestro la Chevrolet Tracker 2021 a $301,999.00 (ID 278247).',
    );
    expect(ownCarNoBudget).toMatchObject({ pass: true, score: 1 });

    const tradeInQuoted = keptBudget(
      'tengo 100 mil de presupuesto',
      [
        'Con tu presupuesto te recomiendo el Nissan March 2018 a $95,999.00.',
        'Y si dejas tu auto a cuenta, por tu auto te daríamos unos $150,000.00.',
      ].join('\n'),
    );
    expect(tradeInQuoted).toMatchObject({ pass: true, score: 1 });
  });

  it('a monthly budget is compared with monthly payments, not with car prices or the price it affords', () => {
    const result = keptBudget(
      'busco un sedán de hasta 300 mil',
      'Te recomiendo el Nissan Versa 2020 a $289,999.00.',
      'puedo dar 100 mil de enganche y pagar 4 mil al mes, ¿qué me alcanza?',
      [
        'Con $4,000.00 al mes, $100,000.00 de enganche y 72 meses de plazo, te alcanza un auto de hasta $310,500.00.',
        '1. Nissan Versa 2020 · $289,999.00 → $3,950.00 al mes',
      ].join('\n'),
    );
    expect(result).toMatchObject({ pass: true, score: 1 });

    // A monthly budget alone is a budget to keep, not "no budget stated".
    const monthlyOnly = keptBudget(
      'mi presupuesto es de 4 mil al mes',
      '1. Nissan Versa 2019 · $199,999.00 → $3,900.00 al mes',
    );
    expect(monthlyOnly).toMatchObject({ pass: true, score: 1 });
    expect(monthlyOnly.reasoning).toContain('1 replies after it');
  });
});

describe('budget-kept still catches a broken budget', () => {
  it('a car listed above the price budget without saying so fails, naming the price', () => {
    const result = keptBudget(
      'Busco un auto, tengo 250 mil de presupuesto',
      'Te recomiendo el Nissan Versa 2020 a $239,999.00.',
      'muéstrame otro',
      'Te recomiendo el Mazda CX-5 2019 a $396,999.00.',
    );
    expect(result).toMatchObject({ pass: false, score: 0.5 });
    expect(result.reasoning).toContain('turn 2 lists $396,999.00 over the price budget of $250,000.00');
  });

  it('"over" said of something else is no warning about the budget', () => {
    const result = keptBudget(
      'tengo 250 mil de presupuesto y una cochera chica',
      'El Mazda CX-5 2019 a $396,999.00 se pasa un poco del largo de tu cochera, pero cabe.',
    );
    expect(result).toMatchObject({ pass: false, score: 0 });
  });

  it('a monthly payment above the monthly budget fails', () => {
    const result = keptBudget(
      'puedo pagar máximo 4 mil al mes',
      'Con el Nissan Versa 2020 de $289,999.00 quedarías en $5,200.00 al mes a 48 meses.',
    );
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.reasoning).toContain('$5,200.00 over the monthly budget of $4,000.00');
  });
});
