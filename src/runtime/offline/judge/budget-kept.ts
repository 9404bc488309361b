import { formatMXN } from '../../../tools/money.js';
import {
  classifiedFigures,
  MONTHLY_AFTER,
  type FigureRole,
  type MoneyFigure,
} from '../../../tools/text/money-figures.js';
import { foldKeepingPositions } from '../../../tools/text/normalize.js';
import { verdict, type Exchange, type OfflineVerdict } from './exchange.js';

/** What the customer can pay, in cents: a top price for the car, a top monthly payment, or both. */
interface Budget {
  price: number | null;
  monthly: number | null;
}

type ReadFigure = MoneyFigure & { role: FigureRole };

/** The customer's own car, which they sell or trade in: its value is no price of a car offered. */
const OWN_CAR =
  /(?:\b(?:mi|tu|su) (?:auto|carro|coche|camioneta|vehiculo|troca|nave)\b|\ba cuenta\b|\btoma de\b|\bvender\b|\bvendo\b|\byour (?:current |own )?car\b|\btrade-?in\b)/;
/** "$40,000.00 de enganche": the role is said after the figure. */
const DOWN_PAYMENT_AFTER = /^\s*(?:mxn\s*)?(?:de enganche|of down payment|down\b)/;
/**
 * The reply says what it shows goes over the budget (the rubric's criterion 1 allows it): "se
 * pasa de tu presupuesto", "ajustando el presupuesto", "no tengo autos de hasta $X…".
 */
const OVER_WORDS = String.raw`(?:se pasan?|exceden?|sobrepasan?|rebasan?|por encima|arriba|fuera|mas alla|mas de|ajustando|sin fijarme en|subiendo|over|above|exceeds?|beyond)`;
const BUDGET_WORDS = String.raw`(?:presupuesto|tope|limite|lo que (?:buscas|pides|puedes)|budget)`;
const SAYS_OVER = new RegExp(
  [
    String.raw`\b${OVER_WORDS}\b[^.\n]{0,40}\b${BUDGET_WORDS}`,
    String.raw`\bno (?:tengo|hay|encontre) (?:autos|opciones|camionetas|nada)\b[^.\n]{0,40}\b(?:hasta|menos de|debajo de)\b`,
  ].join('|'),
);

/**
 * Once the customer states a top price or a top monthly payment, no car is listed at a price
 * above the first and no plan at a payment above the second, unless the reply says it goes
 * over. Figures are read by their role (src/tools/text/money-figures.ts): a financed amount, a
 * total paid, a down payment, a target ("te alcanza hasta…") or the customer's own car's value
 * is no car price, and a monthly budget is compared with monthly payments only.
 */
export function budgetKept(exchanges: readonly Exchange[]): OfflineVerdict {
  let budget: Budget = { price: null, monthly: null };
  let checked = 0;
  const broken: string[] = [];
  const saidSo: string[] = [];
  for (const exchange of exchanges) {
    budget = statedBudget(exchange, budget);
    if ((budget.price === null && budget.monthly === null) || exchange.agent === undefined) continue;
    checked += 1;
    const over = overBudget(exchange.agent, budget);
    if (over.length === 0) continue;
    const quoted = `turn ${exchange.number} ${over.join(' and ')}`;
    if (SAYS_OVER.test(foldKeepingPositions(exchange.agent))) saidSo.push(`${quoted}, saying so`);
    else broken.push(quoted);
  }
  if (checked === 0) return verdict(1, 'the customer stated no budget: there was none to keep');
  const said = saidSo.length > 0 ? ` (${saidSo.join('; ')})` : '';
  if (broken.length === 0)
    return verdict(1, `no car or plan above the customer's budget in ${checked} replies after it${said}`);
  return verdict(1 - broken.length / checked, `${broken.join('; ')}${said}`);
}

/** The budget after this customer message: what it states replaces what came before. */
function statedBudget(exchange: Exchange, before: Budget): Budget {
  const entities = exchange.intents.map((i) => i.entities);
  const priceMax = entities.map((e) => e.priceMax).find((p) => p !== null) ?? null;
  const monthly = entities.map((e) => e.monthlyPaymentTarget).find((p) => p !== null) ?? null;
  const budget = { ...before };
  if (monthly !== null) budget.monthly = pesos(monthly);
  if (priceMax === null) return budget;
  // The NLU's top price may be the customer's monthly budget or their own car's value.
  const figure = customerFigure(exchange.customer, pesos(priceMax));
  if (figure?.role === 'monthly') budget.monthly = pesos(priceMax);
  else if (!figure?.ownCar) budget.price = pesos(priceMax);
  return budget;
}

function customerFigure(text: string, cents: number): { role: FigureRole; ownCar: boolean } | undefined {
  const figures = classifiedFigures(text);
  const index = figures.findIndex((f) => f.cents === cents);
  if (index < 0) return undefined;
  const figure = figures[index]!;
  // "mi presupuesto es de 4 mil al mes": a target by its cue word, a monthly one by what follows.
  const perMonth = MONTHLY_AFTER.test(foldKeepingPositions(text).slice(figure.end, figure.end + 25));
  return { role: perMonth ? 'monthly' : figure.role, ownCar: aboutOwnCar(text, figures, index) };
}

/** What in the reply goes over the budget: car prices over the top price, payments over the monthly. */
function overBudget(reply: string, budget: Budget): string[] {
  const text = reply.normalize('NFC');
  const folded = foldKeepingPositions(text);
  const figures = classifiedFigures(text);
  const prices: ReadFigure[] = [];
  const payments: ReadFigure[] = [];
  figures.forEach((figure, i) => {
    if (figure.role === 'monthly') payments.push(figure);
    else if (
      figure.role === 'price' &&
      !DOWN_PAYMENT_AFTER.test(folded.slice(figure.end, figure.end + 25)) &&
      !aboutOwnCar(text, figures, i)
    )
      prices.push(figure);
  });
  const over: string[] = [];
  const { price, monthly } = budget;
  const dearer = price === null ? [] : prices.filter((f) => f.cents > price);
  if (price !== null && dearer.length > 0)
    over.push(`lists ${texts(dearer)} over the price budget of ${formatMXN(price)}`);
  const higher = monthly === null ? [] : payments.filter((f) => f.cents > monthly);
  if (monthly !== null && higher.length > 0)
    over.push(`offers ${texts(higher)} over the monthly budget of ${formatMXN(monthly)}`);
  return over;
}

/** The figure's clause (from the previous figure or sentence break to the next) speaks of the customer's own car. */
function aboutOwnCar(text: string, figures: readonly ReadFigure[], index: number): boolean {
  const folded = foldKeepingPositions(text);
  const figure = figures[index]!;
  const sentenceStart = Math.max(
    ...['.', '!', '?', ';', '\n'].map((m) => folded.lastIndexOf(m, figure.start - 1)),
  );
  const from = Math.max(sentenceStart + 1, figures[index - 1]?.end ?? 0);
  const nextBreak = folded.slice(figure.end).search(/[.!?;\n]/);
  const to = Math.min(
    nextBreak < 0 ? folded.length : figure.end + nextBreak,
    figures[index + 1]?.start ?? folded.length,
  );
  return OWN_CAR.test(folded.slice(from, figure.start)) || OWN_CAR.test(folded.slice(figure.end, to));
}

function texts(figures: readonly ReadFigure[]): string {
  return figures.map((f) => f.text).join(', ');
}

function pesos(amount: number): number {
  return Math.round(amount * 100);
}
