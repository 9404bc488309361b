import { describe, expect, it } from 'vitest';
import {
  downPaymentForMonthly,
  maxPriceForMonthly,
  downPaymentFromPercent,
  minimumDownPayment,
  monthlyPayment,
  planAllTerms,
  planFinancing,
} from './financing.js';
import { formatMXN, pesosToCents } from './money.js';

/** Independent computation in plain pesos, to check the cents implementation against. */
function referenceMonthly(principalPesos: number, months: number): number {
  const r = 0.1 / 12;
  return (principalPesos * r) / (1 - Math.pow(1 + r, -months));
}

describe('financing', () => {
  const corolla = pesosToCents(313999);

  it('reproduces the reference figures of kavak-facts.md to the cent', () => {
    const down = downPaymentFromPercent(corolla, 20);
    expect(formatMXN(down)).toBe('$62,799.80');
    expect(formatMXN(corolla - down)).toBe('$251,199.20');
    const monthly = planAllTerms({ priceCents: corolla, downPaymentCents: down }).map((o) =>
      o.ok ? formatMXN(o.plan.monthlyPaymentCents) : o.refusal.reason,
    );
    expect(monthly).toEqual(['$8,105.49', '$6,371.06', '$5,337.24', '$4,653.68']);
  });

  it('agrees with an independent computation across prices, down payments and terms', () => {
    for (const pesos of [138999, 224999.5, 313999, 566999, 882999]) {
      for (const pct of [10, 15, 33, 50, 90]) {
        for (const years of [3, 4, 5, 6]) {
          const price = pesosToCents(pesos);
          const down = downPaymentFromPercent(price, pct);
          const outcome = planFinancing({ priceCents: price, downPaymentCents: down, termYears: years });
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) continue;
          const expected = Math.round(referenceMonthly((price - down) / 100, years * 12) * 100);
          expect(outcome.plan.monthlyPaymentCents).toBe(expected);
          expect(outcome.plan.totalPaidCents).toBe(down + expected * years * 12);
          expect(outcome.plan.totalInterestCents).toBe(outcome.plan.totalPaidCents - price);
        }
      }
    }
  });

  it('refuses a down payment under 10% and says the minimum', () => {
    const outcome = planFinancing({
      priceCents: corolla,
      downPaymentCents: pesosToCents(20000),
      termYears: 4,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.reason).toBe('down_payment_too_low');
    expect(outcome.refusal.minimumDownPaymentCents).toBe(minimumDownPayment(corolla));
    expect(outcome.refusal.message).toContain('$31,399.90');
  });

  it('accepts exactly 10% down', () => {
    const outcome = planFinancing({
      priceCents: corolla,
      downPaymentCents: minimumDownPayment(corolla),
      termYears: 3,
    });
    expect(outcome.ok).toBe(true);
  });

  it('refuses terms outside 3 to 6 whole years', () => {
    for (const termYears of [1, 2, 7, 10, 4.5]) {
      const outcome = planFinancing({
        priceCents: corolla,
        downPaymentCents: pesosToCents(100000),
        termYears,
      });
      expect(outcome.ok ? 'ok' : outcome.refusal.reason).toBe('term_out_of_range');
    }
  });

  it('finds the down payment for a target monthly payment, honouring it to the cent', () => {
    const result = downPaymentForMonthly({ priceCents: corolla, targetMonthlyCents: 500000, termYears: 5 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.monthlyPaymentCents).toBeLessThanOrEqual(500000);
    // one cent less of down payment would break the promise: it is the smallest that works
    expect(monthlyPayment(result.plan.financedCents + 1, 60)).toBeGreaterThan(500000);
    expect(result.plan.downPaymentCents).toBe(result.plan.priceCents - result.plan.financedCents);
  });

  it('keeps the 10% minimum even when a small down payment would be enough', () => {
    const result = downPaymentForMonthly({ priceCents: corolla, targetMonthlyCents: 5000000, termYears: 5 });
    expect(result.ok && result.atMinimum).toBe(true);
  });
});

describe('maxPriceForMonthly: what a monthly payment affords', () => {
  const plan = (priceCents: number, downPaymentCents: number, termYears: number) => {
    const outcome = planFinancing({ priceCents, downPaymentCents, termYears });
    return outcome.ok ? outcome.plan.monthlyPaymentCents : Infinity;
  };

  it('gives the highest price whose plan fits the payment, and one cent more does not', () => {
    for (const [monthly, down, years] of [
      [4000, 40000, 6],
      [6500, 80000, 4],
      [9999.99, 25000.5, 3],
      [3000, 150000, 5],
    ] as const) {
      const target = pesosToCents(monthly);
      const downCents = pesosToCents(down);
      const found = maxPriceForMonthly({
        targetMonthlyCents: target,
        termYears: years,
        downPayment: { kind: 'amount', cents: downCents },
      });
      expect(found.ok).toBe(true);
      if (!found.ok) continue;
      const { maxPriceCents } = found.affordable;
      expect(plan(maxPriceCents, downCents, years)).toBeLessThanOrEqual(target);
      expect(plan(maxPriceCents + 1, downCents, years)).toBeGreaterThan(target);
      expect(found.affordable.plan.monthlyPaymentCents).toBe(plan(maxPriceCents, downCents, years));
    }
  });

  it('matches the worked example: 4 mil al mes, 40 mil de enganche, 6 años', () => {
    const found = maxPriceForMonthly({
      targetMonthlyCents: pesosToCents(4000),
      termYears: 6,
      downPayment: { kind: 'amount', cents: pesosToCents(40000) },
    });
    expect(found.ok && found.affordable.limitedBy).toBe('monthly_payment');
    // Independent: the present value of 72 payments of $4,000 at 10%/12, plus the down payment
    // (within a peso: a payment rounds to the cent, so it may be up to half a cent over the exact).
    const r = 0.1 / 12;
    const presentValue = (4000 * (1 - Math.pow(1 + r, -72))) / r;
    expect(found.ok && found.affordable.maxPriceCents / 100).toBeCloseTo(40000 + presentValue, 0);
  });

  it('caps the price at ten times a small down payment (the 10% minimum)', () => {
    const found = maxPriceForMonthly({
      targetMonthlyCents: pesosToCents(12000),
      termYears: 6,
      downPayment: { kind: 'amount', cents: pesosToCents(20000) },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.affordable.limitedBy).toBe('down_payment');
    expect(found.affordable.maxPriceCents).toBe(pesosToCents(200000));
  });

  it('with no down payment, each price uses its own 10% minimum', () => {
    const target = pesosToCents(5000);
    const found = maxPriceForMonthly({
      targetMonthlyCents: target,
      termYears: 4,
      downPayment: { kind: 'minimum' },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const price = found.affordable.maxPriceCents;
    expect(plan(price, minimumDownPayment(price), 4)).toBeLessThanOrEqual(target);
    expect(plan(price + 1, minimumDownPayment(price + 1), 4)).toBeGreaterThan(target);
  });

  it('with a percentage down, the price keeps that share', () => {
    const target = pesosToCents(7000);
    const found = maxPriceForMonthly({
      targetMonthlyCents: target,
      termYears: 5,
      downPayment: { kind: 'percent', percent: 25 },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const price = found.affordable.maxPriceCents;
    expect(plan(price, downPaymentFromPercent(price, 25), 5)).toBeLessThanOrEqual(target);
    expect(plan(price + 1, downPaymentFromPercent(price + 1, 25), 5)).toBeGreaterThan(target);
    const tooSmall = maxPriceForMonthly({
      targetMonthlyCents: target,
      termYears: 5,
      downPayment: { kind: 'percent', percent: 5 },
    });
    expect(!tooSmall.ok && tooSmall.refusal.reason).toBe('down_payment_too_low');
  });

  it('with a percentage down, the price keeps that share', () => {
    const target = pesosToCents(7000);
    const found = maxPriceForMonthly({
      targetMonthlyCents: target,
      termYears: 5,
      downPayment: { kind: 'percent', percent: 25 },
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const price = found.affordable.maxPriceCents;
    expect(plan(price, downPaymentFromPercent(price, 25), 5)).toBeLessThanOrEqual(target);
    expect(plan(price + 1, downPaymentFromPercent(price + 1, 25), 5)).toBeGreaterThan(target);
    const tooSmall = maxPriceForMonthly({
      targetMonthlyCents: target,
      termYears: 5,
      downPayment: { kind: 'percent', percent: 5 },
    });
    expect(!tooSmall.ok && tooSmall.refusal.reason).toBe('down_payment_too_low');
  });

  it('refuses terms outside 3 to 6 years and payments of zero, saying why', () => {
    const badTerm = maxPriceForMonthly({
      targetMonthlyCents: 400000,
      termYears: 8,
      downPayment: { kind: 'minimum' },
    });
    expect(!badTerm.ok && badTerm.refusal.reason).toBe('term_out_of_range');
    const zero = maxPriceForMonthly({
      targetMonthlyCents: 0,
      termYears: 4,
      downPayment: { kind: 'minimum' },
    });
    expect(!zero.ok && zero.refusal.reason).toBe('monthly_payment_too_low');
  });
});
