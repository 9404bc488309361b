import { expect, it } from 'vitest';
import { classifiedFigures, moneyFigures } from './money-figures.js';

it('reads money written the common ways, never kilometres', () => {
  const text =
    'Cuesta $313,999.00, o sea 313,999 pesos; tu presupuesto de $300 mil, 1.2 millones de pesos, 45,000 km, 6,371.06 al mes';
  expect(moneyFigures(text).map((f) => f.cents)).toEqual([31399900, 31399900, 30000000, 120000000, 637106]);
});

it('tells prices, down payments, monthly payments and targets apart', () => {
  const text = [
    'Para el Toyota Corolla 2020 (ID 305016), con precio de $313,999.00:',
    'Con un enganche mínimo (10%) de $31,399.90, financias $282,599.10.',
    '- 48 meses: $7,167.34 al mes',
    'Pagarías en total $375,432.22 (intereses: $61,433.22).',
    'Para pagar como máximo $5,000.00 al mes por el Corolla (ID 305016, $313,999.00):',
    '- A 48 meses: enganche de $116,858.01, mensualidad de $5,000.00',
  ].join('\n');
  expect(classifiedFigures(text).map((f) => f.role)).toEqual([
    'price',
    'down_payment',
    'financed',
    'monthly',
    'total',
    'interest',
    'target',
    'price',
    'down_payment',
    'monthly',
  ]);
});

it('reads the same roles in a reply written in English', () => {
  const text = [
    'For the Toyota Corolla 2020 (ID 305016), priced at $313,999.00:',
    'With a down payment of $31,399.90 (10%), you finance $282,599.10.',
    '- 48 months (4 years): $7,167.34 a month',
    'You would pay $375,432.22 in total (interest: $61,433.22).',
    'What I can offer you: financing with a down payment from $22,299.90 (10%).',
  ].join('\n');
  expect(classifiedFigures(text).map((f) => f.role)).toEqual([
    'price',
    'down_payment',
    'financed',
    'monthly',
    'total',
    'interest',
    'down_payment',
  ]);
});
