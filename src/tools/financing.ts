import { z } from 'zod';
import { type Cents, formatMXN } from './money.js';

/** The product's financing rules (kavak-facts.md): 10% a year, 3–6 whole years, ≥10% down. */
export const FINANCING_RULES = {
  annualRate: 0.1,
  minTermYears: 3,
  maxTermYears: 6,
  minDownPaymentRatio: 0.1,
} as const;

export const TERM_YEARS = [3, 4, 5, 6] as const;

export const FinancingPlanSchema = z.object({
  priceCents: z.number().int(),
  downPaymentCents: z.number().int(),
  financedCents: z.number().int(),
  termYears: z.number().int(),
  months: z.number().int(),
  annualRate: z.number(),
  monthlyPaymentCents: z.number().int(),
  totalPaidCents: z.number().int().describe('down payment + all monthly payments'),
  totalInterestCents: z.number().int(),
});
export type FinancingPlan = z.infer<typeof FinancingPlanSchema>;

export const FinancingRefusalSchema = z.object({
  reason: z.enum([
    'down_payment_too_low',
    'down_payment_too_high',
    'term_out_of_range',
    'invalid_price',
    'monthly_payment_too_low',
  ]),
  message: z.string(),
  minimumDownPaymentCents: z.number().int().optional(),
  allowedTermsYears: z.array(z.number().int()).optional(),
});
export type FinancingRefusal = z.infer<typeof FinancingRefusalSchema>;

export type FinancingOutcome = { ok: true; plan: FinancingPlan } | { ok: false; refusal: FinancingRefusal };

export function minimumDownPayment(priceCents: Cents): Cents {
  return Math.ceil(priceCents * FINANCING_RULES.minDownPaymentRatio);
}

/** Down payment from a percentage, in cents, rounded once. 20% of $313,999 → $62,799.80. */
export function downPaymentFromPercent(priceCents: Cents, percent: number): Cents {
  return Math.round((priceCents * percent) / 100);
}

/**
 * Standard amortisation: M = P·r(1+r)^n / ((1+r)^n − 1), r = annual/12. The payment is computed
 * in floating point from exact cents and rounded to the cent once.
 */
export function monthlyPayment(
  financedCents: Cents,
  months: number,
  annualRate = FINANCING_RULES.annualRate,
): Cents {
  if (financedCents <= 0) return 0;
  const r = annualRate / 12;
  const growth = Math.pow(1 + r, months);
  return Math.round((financedCents * r * growth) / (growth - 1));
}

export function planFinancing(input: {
  priceCents: Cents;
  downPaymentCents: Cents;
  termYears: number;
}): FinancingOutcome {
  const { priceCents, downPaymentCents, termYears } = input;
  if (!Number.isFinite(priceCents) || priceCents <= 0) {
    return { ok: false, refusal: { reason: 'invalid_price', message: 'El precio del auto no es válido.' } };
  }
  if (
    !Number.isInteger(termYears) ||
    termYears < FINANCING_RULES.minTermYears ||
    termYears > FINANCING_RULES.maxTermYears
  ) {
    return {
      ok: false,
      refusal: {
        reason: 'term_out_of_range',
        message: `El plazo debe ser de ${FINANCING_RULES.minTermYears} a ${FINANCING_RULES.maxTermYears} años (36, 48, 60 o 72 meses).`,
        allowedTermsYears: [...TERM_YEARS],
      },
    };
  }
  const minimum = minimumDownPayment(priceCents);
  if (downPaymentCents < minimum) {
    return {
      ok: false,
      refusal: {
        reason: 'down_payment_too_low',
        message: `El enganche mínimo es el 10% del precio: ${formatMXN(minimum)}.`,
        minimumDownPaymentCents: minimum,
      },
    };
  }
  if (downPaymentCents >= priceCents) {
    return {
      ok: false,
      refusal: {
        reason: 'down_payment_too_high',
        message: `Con un enganche de ${formatMXN(downPaymentCents)} cubres el precio completo (${formatMXN(priceCents)}): no hace falta financiamiento.`,
      },
    };
  }
  const months = termYears * 12;
  const financedCents = priceCents - downPaymentCents;
  const monthlyPaymentCents = monthlyPayment(financedCents, months);
  const totalPaidCents = downPaymentCents + monthlyPaymentCents * months;
  return {
    ok: true,
    plan: {
      priceCents,
      downPaymentCents,
      financedCents,
      termYears,
      months,
      annualRate: FINANCING_RULES.annualRate,
      monthlyPaymentCents,
      totalPaidCents,
      totalInterestCents: totalPaidCents - priceCents,
    },
  };
}

/** Every allowed term at once, for "¿cuánto pagaría al mes?" with no term given. */
export function planAllTerms(input: { priceCents: Cents; downPaymentCents: Cents }): FinancingOutcome[] {
  return TERM_YEARS.map((termYears) => planFinancing({ ...input, termYears }));
}

/**
 * The reverse question: what down payment makes the monthly payment at most `targetMonthlyCents`?
 * Inverts the annuity formula, then rounds the down payment up to the cent and bumps it until
 * the rounded payment fits, so the promise holds exactly. Never below the 10% minimum.
 */
export function downPaymentForMonthly(input: {
  priceCents: Cents;
  targetMonthlyCents: Cents;
  termYears: number;
}): { ok: true; plan: FinancingPlan; atMinimum: boolean } | { ok: false; refusal: FinancingRefusal } {
  const { priceCents, targetMonthlyCents, termYears } = input;
  const months = termYears * 12;
  const r = FINANCING_RULES.annualRate / 12;
  const growth = Math.pow(1 + r, months);
  const maxFinanced = Math.floor((targetMonthlyCents * (growth - 1)) / (r * growth));
  let down = Math.max(minimumDownPayment(priceCents), priceCents - maxFinanced);
  const minimum = minimumDownPayment(priceCents);
  const fits = (d: number) => monthlyPayment(priceCents - d, months) <= targetMonthlyCents;
  // The inverse is exact up to rounding: settle on the smallest down payment that fits.
  while (down < priceCents && !fits(down)) down += 1;
  while (down > minimum && fits(down - 1)) down -= 1;
  const outcome = planFinancing({ priceCents, downPaymentCents: down, termYears });
  if (!outcome.ok) return outcome;
  return { ok: true, plan: outcome.plan, atMinimum: down === minimum };
}

/**
 * What "¿qué me alcanza?" assumes when the customer leaves something out: the longest term (it
 * buys the most car for a monthly payment) and the 10% minimum down payment of each car.
 */
export const AFFORDABILITY_DEFAULTS = {
  termYears: FINANCING_RULES.maxTermYears,
  downPayment: 'minimum',
} as const;

/** The down payment of a plan whose price is not known yet. */
export type DownPaymentRule =
  { kind: 'amount'; cents: Cents } | { kind: 'percent'; percent: number } | { kind: 'minimum' };

export interface AffordablePrice {
  /** The highest price whose plan keeps the monthly payment at or under the target. */
  maxPriceCents: Cents;
  termYears: number;
  downPayment: DownPaymentRule;
  /** What caps the price: the monthly payment, or a down payment that must be ≥10% of the price. */
  limitedBy: 'monthly_payment' | 'down_payment';
  /** The plan of a car at exactly the highest price. */
  plan: FinancingPlan;
}

/** The down payment a rule gives for one price. */
export function downPaymentFor(rule: DownPaymentRule, priceCents: Cents): Cents {
  if (rule.kind === 'amount') return rule.cents;
  if (rule.kind === 'percent') return downPaymentFromPercent(priceCents, rule.percent);
  return minimumDownPayment(priceCents);
}

/** Cents the closed-form estimate may be over by; far more than rounding ever needs. */
const SETTLE_STEPS = 1000;

/** The largest amount to finance whose payment over `months` is at most the target, to the cent. */
export function maxFinancedForMonthly(targetMonthlyCents: Cents, months: number): Cents {
  const r = FINANCING_RULES.annualRate / 12;
  const growth = Math.pow(1 + r, months);
  let financed = Math.floor((targetMonthlyCents * (growth - 1)) / (r * growth));
  while (financed > 0 && monthlyPayment(financed, months) > targetMonthlyCents) financed -= 1;
  while (monthlyPayment(financed + 1, months) <= targetMonthlyCents) financed += 1;
  return financed;
}

const tooLow = (message: string): { ok: false; refusal: FinancingRefusal } => ({
  ok: false,
  refusal: { reason: 'down_payment_too_low', message },
});

/**
 * The inverse of the payment formula for a budget: the highest car price whose plan (this down
 * payment rule, this term) costs at most `targetMonthlyCents` a month. Estimated in closed form,
 * then settled to the cent with planFinancing itself, so every car at or under the price fits.
 */
export function maxPriceForMonthly(input: {
  targetMonthlyCents: Cents;
  termYears: number;
  downPayment: DownPaymentRule;
}): { ok: true; affordable: AffordablePrice } | { ok: false; refusal: FinancingRefusal } {
  const { targetMonthlyCents, termYears, downPayment } = input;
  const termCheck = planFinancing({ priceCents: 100_00, downPaymentCents: 10_00, termYears });
  if (!termCheck.ok) return termCheck;
  if (!Number.isFinite(targetMonthlyCents) || targetMonthlyCents <= 0) {
    return {
      ok: false,
      refusal: { reason: 'monthly_payment_too_low', message: 'La mensualidad debe ser mayor a cero.' },
    };
  }
  const minimumPercent = FINANCING_RULES.minDownPaymentRatio * 100;
  if (downPayment.kind === 'amount' && downPayment.cents <= 0)
    return tooLow('Para financiar hace falta un enganche de al menos el 10% del precio.');
  if (downPayment.kind === 'percent' && (downPayment.percent < minimumPercent || downPayment.percent >= 100))
    return tooLow('El enganche debe ser de al menos el 10% del precio (y menos del 100%).');

  const financed = maxFinancedForMonthly(targetMonthlyCents, termYears * 12);
  const fits = (price: Cents): FinancingPlan | undefined => {
    const outcome = planFinancing({
      priceCents: price,
      downPaymentCents: downPaymentFor(downPayment, price),
      termYears,
    });
    return outcome.ok && outcome.plan.monthlyPaymentCents <= targetMonthlyCents ? outcome.plan : undefined;
  };
  const financedShare =
    downPayment.kind === 'percent' ? 1 - downPayment.percent / 100 : 1 - FINANCING_RULES.minDownPaymentRatio;
  const byPayment =
    downPayment.kind === 'amount' ? downPayment.cents + financed : Math.ceil(financed / financedShare) + 1;
  const byDownPayment =
    downPayment.kind === 'amount'
      ? Math.floor(downPayment.cents / FINANCING_RULES.minDownPaymentRatio) + 1
      : Infinity;
  // Both estimates sit at or just over the answer; a few cents down settles the rounding.
  let price = Math.min(byPayment, byDownPayment);
  let plan = financed > 0 ? fits(price) : undefined;
  for (let step = 0; financed > 0 && !plan && step < SETTLE_STEPS; step++) plan = fits(--price);
  if (!plan) {
    return {
      ok: false,
      refusal: {
        reason: 'monthly_payment_too_low',
        message: `Con ${formatMXN(targetMonthlyCents)} al mes no alcanza para financiar un auto.`,
      },
    };
  }
  return {
    ok: true,
    affordable: {
      maxPriceCents: price,
      termYears,
      downPayment,
      limitedBy: byDownPayment <= byPayment ? 'down_payment' : 'monthly_payment',
      plan,
    },
  };
}
