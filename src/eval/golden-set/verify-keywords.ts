import { fold as foldText } from '../../tools/text/normalize.js';
import type { Car, Catalog } from '../../tools/catalog/types.js';
import { formatMXN } from '../../tools/money.js';
import type { CaseFigures } from './verify-context.js';
import { containsPhrase, figuresIn, type Figure } from './verify-figures.js';

/**
 * Keyword checks of the golden-set verifier: a figure in a keyword (price, payment, mileage, year,
 * term, percentage, knowledge phrase) or a car or branch name must be one the tools give.
 */
/** What one turn's keywords may state, beyond the whole case's figures. */
export interface TurnScope {
  figures: CaseFigures;
  /** With a monthlyPayment expectation: the only amounts this turn may name. */
  planMoney: Set<number> | undefined;
  /** Catalog cars of the models this turn's keywords name. */
  namedCars: Car[];
  /** The cars talked about: named by this turn's keywords or message, else by an earlier turn. */
  discussedCars: Car[];
  /** Branches of the cities the customer named so far (folded names). */
  branches: Set<string>;
  /** Every branch in the knowledge base (folded names). */
  allBranches: Set<string>;
}

/** Folded and trimmed: how keywords are compared with names. */
export const fold = (text: string): string => foldText(text).trim();

/** The catalog model a name stands for, only when it is spelt exactly ("Versa", "Nissan Versa"). */
export function exactModel(catalog: Catalog, text: string): { make: string; model: string } | undefined {
  const direct = catalog.resolveModel(text);
  if (direct && !direct.corrected) return direct;
  const [make, ...rest] = text.trim().split(/\s+/);
  if (make === undefined || rest.length === 0) return undefined;
  const scoped = catalog.resolveModel(rest.join(' '), make);
  return scoped && !scoped.corrected ? scoped : undefined;
}

function carsOf(catalog: Catalog, name: { make: string; model: string }): Car[] {
  return catalog.cars.filter((car) => car.make === name.make && car.model === name.model);
}

function checkMoney(figure: Extract<Figure, { kind: 'money' }>, scope: TurnScope): string | undefined {
  const shown = formatMXN(figure.cents);
  if (scope.planMoney) {
    return scope.planMoney.has(figure.cents)
      ? undefined
      : `${shown} is not a figure of this turn's financing plan (monthlyPayment)`;
  }
  if (!scope.figures.money.has(figure.cents))
    return `${shown} is not a price or payment the tools give for this case`;
  const owners = scope.figures.carsByPrice.get(figure.cents);
  if (owners && scope.discussedCars.length > 0 && !owners.some((car) => scope.discussedCars.includes(car))) {
    return `${shown} is the price of ${owners.map((c) => `${c.model} ${c.year}`).join(', ')}, not of the car talked about`;
  }
  return undefined;
}

function checkNumber(keyword: string, figure: Figure, scope: TurnScope): string | undefined {
  const { figures } = scope;
  if (containsPhrase(figures.knowledgeText, keyword)) return undefined;
  switch (figure.kind) {
    case 'money':
      return checkMoney(figure, scope);
    case 'percent':
      return figures.percents.has(figure.value)
        ? undefined
        : `${figure.text} is neither in the knowledge base nor said by the customer`;
    case 'km':
      return figures.kms.has(figure.value) ? undefined : `${figure.text} is not the mileage of a catalog car`;
    case 'mm': {
      const discussed = scope.discussedCars.flatMap((car) => [car.lengthMm, car.widthMm, car.heightMm]);
      if (discussed.length > 0 && !discussed.includes(figure.value))
        return `${figure.text} is not a dimension of the car talked about`;
      return figures.dimensionsMm.has(figure.value)
        ? undefined
        : `${figure.text} is not a dimension of a catalog car`;
    }
    case 'number': {
      const unit =
        fold(keyword.slice(keyword.indexOf(figure.text) + figure.text.length)).split(/\s+/)[0] ?? '';
      if (unit === 'meses' && figures.termMonths.has(figure.value)) return undefined;
      if ((unit === 'anos' || unit === 'ano') && figures.termYears.has(figure.value)) return undefined;
      if (unit === 'pasajeros') return checkSeats(figure, scope);
      if (
        keyword.trim() === figure.text &&
        (figures.years.has(figure.value) || figures.stockIds.has(figure.text))
      )
        return undefined;
      return `"${keyword}" is not a figure the catalog, the financing tool or the knowledge base gives`;
    }
  }
}

/** "7 pasajeros": the seats of the car talked about, else of some catalog car. */
function checkSeats(figure: Exclude<Figure, { kind: 'money' }>, scope: TurnScope): string | undefined {
  const discussed = scope.discussedCars.flatMap((car) => (car.seats === null ? [] : [car.seats]));
  if (discussed.length > 0 && !discussed.includes(figure.value))
    return `${figure.text} pasajeros is not the seating of the car talked about`;
  return scope.figures.seats.has(figure.value) ? undefined : `no catalog car seats ${figure.text}`;
}

/** "Versa 2020", "Mazda 3 2021": a catalog model and a year. */
function modelAndYear(
  catalog: Catalog,
  keyword: string,
): { model: { make: string; model: string }; year: number } | undefined {
  const match = /^(.+?)\s+((?:19|20)\d{2})$/.exec(keyword.trim());
  const model = match ? exactModel(catalog, match[1]!) : undefined;
  return model ? { model, year: Number(match![2]) } : undefined;
}

/** The catalog cars a keyword names: a model ("CX-5") or a model and year ("Versa 2020"). */
export function carsNamed(catalog: Catalog, keyword: string): Car[] {
  const model = exactModel(catalog, keyword);
  if (model) return carsOf(catalog, model);
  const withYear = modelAndYear(catalog, keyword);
  return withYear ? carsOf(catalog, withYear.model).filter((car) => car.year === withYear.year) : [];
}

/** Model names that are everyday words or too short to spot in a message ("uno", "gol"). */
const AMBIGUOUS_MODEL_NAMES = new Set(['uno', 'gol', 'hs', 'a1']);

/** Letters and digits only, one space between words, padded: " la cx 5 2019 ". */
const wordKey = (text: string): string =>
  ` ${fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** Catalog cars whose model the customer's message names ("el Versa", "la CX-5"). */
export function carsInMessage(catalog: Catalog, message: string): Car[] {
  const words = wordKey(message);
  return catalog.cars.filter(
    (car) => !AMBIGUOUS_MODEL_NAMES.has(fold(car.model)) && words.includes(wordKey(car.model)),
  );
}

export function checkKeyword(keyword: string, scope: TurnScope, catalog: Catalog): string | undefined {
  if (exactModel(catalog, keyword)) return undefined;
  const withYear = modelAndYear(catalog, keyword);
  if (withYear) {
    const years = carsOf(catalog, withYear.model).map((car) => car.year);
    return years.includes(withYear.year)
      ? undefined
      : `the catalog has no ${withYear.model.model} ${withYear.year} (only ${years.join(', ')})`;
  }
  const figures = figuresIn(keyword);
  if (figures.length === 0) {
    const name = fold(keyword);
    if (scope.allBranches.has(name) && !scope.branches.has(name))
      return `${keyword} is not a branch in the city the customer named`;
    return undefined;
  }
  for (const figure of figures) {
    const problem = checkNumber(keyword, figure, scope);
    if (problem) return problem;
  }
  return undefined;
}
