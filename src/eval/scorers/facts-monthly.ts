import { expectedPlan } from '../golden-set/verify-context.js';
import type { TurnTrace } from '../../core/trace/schema.js';
import { planFinancing } from '../../tools/financing.js';
import type { Catalog } from '../../tools/catalog/types.js';
import { formatMXN } from '../../tools/money.js';
import type { FactsExpectation } from '../golden-set/schema.js';
import type { NamedCar } from './facts-cars.js';
import { ok, violation, type Finding } from './findings.js';
import type { FigureRole, MoneyFigure } from '../../tools/text/money-figures.js';
import { fold } from '../../tools/text/normalize.js';
import { financingInput } from './tool-facts.js';

type Figure = MoneyFigure & { role: FigureRole };
type MonthlyExpectation = NonNullable<Exclude<FactsExpectation, boolean>['monthlyPayment']>;

const TERM = /(\d{1,3})\s*meses|(\d{1,2})\s*anos/g;

/**
 * Every monthly payment the reply states must be the financing tool's figure for the car, down
 * payment and term it states (read from the reply; the tool's own inputs fill what it omits).
 * Returns the checks and the monthly figures that were verified.
 */
export function checkMonthlyPayments(
  text: string,
  figures: readonly Figure[],
  cars: readonly NamedCar[],
  trace: TurnTrace,
): { findings: Finding[]; verified: Set<number> } {
  const findings: Finding[] = [];
  const verified = new Set<number>();
  for (const figure of figures) {
    if (figure.role !== 'monthly') continue;
    const named = carFor(figure, cars);
    const priceCents = named?.car?.priceCents ?? financingInput(trace, 'priceCents');
    const downCents =
      figures.filter((f) => f.role === 'down_payment' && f.start < figure.start).at(-1)?.cents ??
      financingInput(trace, 'downPaymentCents');
    const months = termFor(text, figure) ?? monthsFromTool(trace);
    if (priceCents === undefined || downCents === undefined || months === undefined) continue;
    const what = `${named?.label ?? `the car priced ${formatMXN(priceCents)}`} with enganche ${formatMXN(downCents)} at ${months} meses`;
    if (months % 12 !== 0) {
      findings.push(
        violation(
          `monthly payment ${figure.text} stated for ${months} meses, which is not a whole number of years`,
        ),
      );
      continue;
    }
    const outcome = planFinancing({ priceCents, downPaymentCents: downCents, termYears: months / 12 });
    if (!outcome.ok)
      findings.push(
        violation(
          `monthly payment ${figure.text} stated for ${what}, but the financing tool refuses it: ${outcome.refusal.message}`,
        ),
      );
    else if (outcome.plan.monthlyPaymentCents !== figure.cents) {
      findings.push(
        violation(
          `monthly payment ${figure.text} for ${what} should be ${formatMXN(outcome.plan.monthlyPaymentCents)}`,
        ),
      );
    } else {
      verified.add(figure.cents);
      findings.push(ok(`monthly payment ${figure.text} matches the financing tool`));
    }
  }
  return { findings, verified };
}

/** The car whose stretch holds the figure, else the last pinned-down car named before it. */
function carFor(figure: Figure, cars: readonly NamedCar[]): NamedCar | undefined {
  const own = cars.find(
    (named) => figure.start >= named.reference.start && figure.start < named.reference.end,
  );
  if (own?.car) return own;
  return cars.filter((named) => named.car && named.reference.start < figure.start).at(-1);
}

/** The term nearest the figure on its line, else the only term the reply states. */
function termFor(text: string, figure: Figure): number | undefined {
  const lineStart = text.lastIndexOf('\n', figure.start - 1) + 1;
  const lineEnd = text.indexOf('\n', figure.end);
  const line = fold(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
  const onLine = [...line.matchAll(TERM)].map((match) => ({
    months: monthsOf(match),
    distance: Math.abs(lineStart + match.index - figure.start),
  }));
  if (onLine.length > 0) return onLine.sort((a, b) => a.distance - b.distance)[0]!.months;
  const all = new Set([...fold(text).matchAll(TERM)].map(monthsOf));
  return all.size === 1 ? [...all][0] : undefined;
}

function monthsOf(match: RegExpMatchArray): number {
  return match[1] !== undefined ? Number(match[1]) : Number(match[2]) * 12;
}

function monthsFromTool(trace: TurnTrace): number | undefined {
  const years = financingInput(trace, 'termYears');
  return years === undefined ? undefined : years * 12;
}

/** The golden set's monthly payment, recomputed with the financing tool, must appear in the reply. */
export function checkExpectedMonthly(
  expectation: MonthlyExpectation,
  figures: readonly Figure[],
  catalog: Catalog,
): Finding {
  const { car, outcome } = expectedPlan(catalog, expectation);
  if (!car || !outcome)
    return violation(
      `golden set: stock id ${expectation.stockId} of facts.monthlyPayment is not in the catalog`,
    );
  if (!outcome.ok)
    return violation(`golden set: facts.monthlyPayment cannot be financed (${outcome.refusal.message})`);
  const expected = outcome.plan.monthlyPaymentCents;
  const plan = `ID ${car.stockId}, enganche ${formatMXN(outcome.plan.downPaymentCents)}, ${expectation.termYears} años`;
  return figures.some((figure) => figure.cents === expected)
    ? ok(`states the expected monthly payment ${formatMXN(expected)}`)
    : violation(`expected monthly payment ${formatMXN(expected)} (${plan}) is not in the reply`);
}
