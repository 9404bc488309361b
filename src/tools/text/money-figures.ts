import { statedFigures } from './figures.js';
import { foldKeepingPositions } from './normalize.js';

/** A money amount written in a text, with where it is. */
export interface MoneyFigure {
  text: string;
  cents: number;
  start: number;
  end: number;
}

/**
 * Money figures in a text, in order: "$313,999.00", "$300 mil", "300,000 pesos", "1.2 millones
 * de pesos", "unos 5 mil", "cinco mil pesos", bare "6,371.06". Read by the same extractor as the
 * phrasing guard (src/tools/text/figures.ts).
 */
export function moneyFigures(text: string): MoneyFigure[] {
  return statedFigures(text)
    .filter((figure) => figure.kind === 'money')
    .map((figure) => ({
      text: figure.text,
      cents: Math.round(figure.value * 100),
      start: figure.start,
      end: figure.end,
    }));
}

/**
 * Amounts a customer may have written, generously: money figures plus any plain number and
 * "60 mil" (a customer's "tengo 60 mil de enganche" may be repeated back as "$60,000.00").
 */
export function customerAmounts(text: string): number[] {
  return statedFigures(text)
    .filter((figure) => figure.kind === 'money' || figure.kind === 'number')
    .map((figure) => Math.round(figure.value * 100));
}

/** What a money figure is, read from the words around it. */
export type FigureRole = 'price' | 'monthly' | 'down_payment' | 'financed' | 'total' | 'interest' | 'target';

// Spanish, then English: an English reply states the same figures with English words.
const ROLE_WORDS: [RegExp, FigureRole][] = [
  [/mensualidad(?:es)?|pago mensual|mensual(?:es)? de|pagos mensuales|monthly(?: payment)?s?/g, 'monthly'],
  [/enganche|down payment|put(?:ting)? down/g, 'down_payment'],
  [
    /financias|financiar[ií]as|a financiar|monto financiado|financiado|you finance|financed|to finance/g,
    'financed',
  ],
  [/en total|total|pagar[ií]as|you would pay/g, 'total'],
  [/inter[eé]s(?:es)?|interest/g, 'interest'],
  [
    /m[aá]ximo|hasta|presupuesto|menos de|debajo de|no m[aá]s de|up to|under|below|budget|at most|no more than/g,
    'target',
  ],
  [/precio|cuesta|vale|valor|por solo|price[sd]?(?: at)?|costs?/g, 'price'],
];
/** "… al mes" right after a figure: a monthly amount. */
export const MONTHLY_AFTER =
  /^\s*(?:mxn\s*)?(?:al mes|mensual(?:es)?|por mes|cada mes|de mensualidad|a month|per month|monthly|each month)/;

/**
 * Reads a figure's role from the nearest cue word before it (within its clause, never past the
 * previous figure) and from "al mes" right after it. Uncued figures are prices.
 */
export function figureRole(text: string, figure: MoneyFigure, previousEnd: number): FigureRole {
  const folded = foldKeepingPositions(text);
  const from = Math.max(previousEnd, folded.lastIndexOf('\n', figure.start - 1) + 1, figure.start - 45);
  // "al mes" right after the previous figure belongs to that figure, not to this one.
  const before = folded.slice(from, figure.start).replace(from === previousEnd ? MONTHLY_AFTER : /^$/, '');
  let role: FigureRole = 'price';
  let at = -1;
  for (const [pattern, candidate] of ROLE_WORDS) {
    for (const match of before.matchAll(pattern)) {
      if (match.index >= at) {
        at = match.index;
        role = candidate;
      }
    }
  }
  if (role === 'target') return role;
  if (MONTHLY_AFTER.test(folded.slice(figure.end, figure.end + 25))) return 'monthly';
  return role;
}

/** Every figure with its role. */
export function classifiedFigures(text: string): (MoneyFigure & { role: FigureRole })[] {
  const figures = moneyFigures(text);
  return figures.map((figure, i) => ({
    ...figure,
    role: figureRole(text, figure, figures[i - 1]?.end ?? 0),
  }));
}
