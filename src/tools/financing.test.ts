import { describe, expect, it } from 'vitest';
import {
  downPaymentForMonthly,
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
