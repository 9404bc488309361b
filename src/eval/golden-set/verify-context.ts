import {
  AFFORDABILITY_DEFAULTS,
  downPaymentFor,
  maxPriceForMonthly,
  type AffordablePrice,
  type DownPaymentRule,
  minimumDownPayment,
  planAllTerms,
  planFinancing,
  TERM_YEARS,
  type FinancingOutcome,
} from '../../tools/financing.js';
import { pesosToCents } from '../../tools/money.js';
import type { Car, Catalog } from '../../tools/catalog/types.js';
import type { KnowledgeBase } from '../../tools/knowledge/types.js';
import { foldPhrase } from './verify-figures.js';
import type { GoldenCase, GoldenTurn } from './schema.js';

export interface VerifyTools {
  catalog: Catalog;
  knowledge: KnowledgeBase;
}

export type MonthlyPaymentExpectation = NonNullable<
  Extract<GoldenTurn['expect']['facts'], object>['monthlyPayment']
>;

/**
 * The financing tool's answer for a monthlyPayment expectation, with the car it is for (no down
 * payment given = the 10% minimum). The facts scorer and the verifier share it.
 */
export interface ExpectedPlan {
  car: Car | undefined;
  downPaymentCents: number | undefined;
  outcome: FinancingOutcome | undefined;
}

export function expectedPlan(catalog: Catalog, expectation: MonthlyPaymentExpectation): ExpectedPlan {
  const car = catalog.byStockId(expectation.stockId);
  if (!car) return { car, downPaymentCents: undefined, outcome: undefined };
  const downPaymentCents = downPaymentFor(downPaymentRuleOf(expectation), car.priceCents);
  const outcome = planFinancing({
    priceCents: car.priceCents,
    downPaymentCents,
    termYears: expectation.termYears,
  });
  return { car, downPaymentCents, outcome };
}

/** An expectation's down payment in pesos or percent as the financing tool's rule; neither: the minimum. */
function downPaymentRuleOf(expectation: {
  downPaymentAmount?: number | undefined;
  downPaymentPercent?: number | undefined;
}): DownPaymentRule {
  if (expectation.downPaymentAmount !== undefined)
    return { kind: 'amount', cents: pesosToCents(expectation.downPaymentAmount) };
  if (expectation.downPaymentPercent !== undefined)
    return { kind: 'percent', percent: expectation.downPaymentPercent };
  return { kind: 'minimum' };
}

export type AffordableExpectation = NonNullable<Extract<GoldenTurn['expect']['facts'], object>['affordable']>;

/** The financing tool's highest affordable price for an affordable expectation (defaults as the agent). */
export function expectedAffordable(expectation: AffordableExpectation): AffordablePrice | string {
  const downPayment = downPaymentRuleOf(expectation);
  const found = maxPriceForMonthly({
    targetMonthlyCents: pesosToCents(expectation.monthlyPayment),
    termYears: expectation.termYears ?? AFFORDABILITY_DEFAULTS.termYears,
    downPayment,
  });
  return found.ok ? found.affordable : found.refusal.message;
}

/** Every amount an affordability answer may state: the price cap, each fitting car's plan. */
function affordableAmounts(catalog: Catalog, affordable: AffordablePrice): number[] {
  const amounts = [affordable.maxPriceCents];
  for (const car of catalog.cars) {
    if (car.priceCents > affordable.maxPriceCents) continue;
    const outcome = planFinancing({
      priceCents: car.priceCents,
      downPaymentCents: downPaymentFor(affordable.downPayment, car.priceCents),
      termYears: affordable.termYears,
    });
    if (outcome.ok)
      amounts.push(
        outcome.plan.monthlyPaymentCents,
        outcome.plan.downPaymentCents,
        outcome.plan.financedCents,
      );
  }
  return amounts;
}

/** A turn's plan expectations: one plan, or one per compared car. */
export function turnPlans(
  facts: Extract<GoldenTurn['expect']['facts'], object>,
): MonthlyPaymentExpectation[] {
  return [...(facts.monthlyPayment ? [facts.monthlyPayment] : []), ...(facts.monthlyPayments ?? [])];
}

/** Every amount a plan states: the payment for each allowed term, down payment, financed, totals. */
function planAmounts(car: Car, downPaymentCents: number): number[] {
  return planAllTerms({ priceCents: car.priceCents, downPaymentCents }).flatMap((outcome) =>
    outcome.ok
      ? [
          outcome.plan.monthlyPaymentCents,
          outcome.plan.downPaymentCents,
          outcome.plan.financedCents,
          outcome.plan.totalPaidCents,
          outcome.plan.totalInterestCents,
        ]
      : [],
  );
}

/** What the tools can say in a case: the money amounts, the knowledge text, the catalog's years. */
export interface CaseFigures {
  /** Every amount the tools give in this case (cents). */
  money: Set<number>;
  /** Amounts that are catalog prices, with the cars that cost them. */
  carsByPrice: Map<number, Car[]>;
  knowledgeText: string;
  years: Set<number>;
  kms: Set<number>;
  /** Length, width and height of catalog cars, in mm. */
  dimensionsMm: Set<number>;
  /** Seats of catalog cars, where known. */
  seats: Set<number>;
  stockIds: Set<string>;
  termMonths: Set<number>;
  termYears: Set<number>;
  /** Percentages the customer or the expectations state. */
  percents: Set<number>;
}

export function knowledgeText(knowledge: KnowledgeBase): string {
  // An English case quotes the English twins (data/knowledge/en), which state the same figures.
  const sections = knowledge.sections.flatMap((section) => {
    const english = knowledge.inLanguage(section, 'en');
    return english === section ? [section] : [section, english];
  });
  return foldPhrase(sections.map((section) => `${section.title}\n${section.body}`).join('\n'));
}

export function caseFigures(goldenCase: GoldenCase, tools: VerifyTools, knowledge: string): CaseFigures {
  const { catalog } = tools;
  const money = new Set<number>();
  const carsByPrice = new Map<number, Car[]>();
  for (const car of catalog.cars) {
    money.add(car.priceCents);
    money.add(minimumDownPayment(car.priceCents));
    carsByPrice.set(car.priceCents, [...(carsByPrice.get(car.priceCents) ?? []), car]);
  }
  const percents = new Set<number>();
  for (const turn of goldenCase.turns) {
    for (const match of turn.user.matchAll(/(\d+(?:\.\d+)?)\s?(?:%|por ?ciento)/gi))
      percents.add(Number(match[1]));
    const facts = turn.expect.facts;
    const affordable =
      typeof facts === 'object' && facts.affordable ? expectedAffordable(facts.affordable) : null;
    if (affordable && typeof affordable === 'object')
      for (const amount of affordableAmounts(catalog, affordable)) money.add(amount);
    const expectations = typeof facts === 'object' ? turnPlans(facts) : [];
    for (const expectation of expectations) {
      if (expectation.downPaymentPercent !== undefined) percents.add(expectation.downPaymentPercent);
      const { car, downPaymentCents } = expectedPlan(catalog, expectation);
      if (car && downPaymentCents !== undefined)
        for (const amount of planAmounts(car, downPaymentCents)) money.add(amount);
    }
  }
  return {
    money,
    carsByPrice,
    knowledgeText: knowledge,
    years: new Set(catalog.cars.map((car) => car.year)),
    kms: new Set(catalog.cars.map((car) => car.km)),
    seats: new Set(catalog.cars.flatMap((car) => (car.seats === null ? [] : [car.seats]))),
    dimensionsMm: new Set(
      catalog.cars.flatMap((car) =>
        [car.lengthMm, car.widthMm, car.heightMm].filter((v): v is number => v !== null),
      ),
    ),
    stockIds: new Set(catalog.cars.map((car) => car.stockId)),
    termMonths: new Set(TERM_YEARS.map((years) => years * 12)),
    termYears: new Set<number>(TERM_YEARS),
    percents,
  };
}
