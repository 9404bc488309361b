import type { Car, CarQuery, Catalog } from '../../tools/catalog/types.js';
import { planAllTerms, type FinancingPlan } from '../../tools/financing.js';
import { formatMXN } from '../../tools/money.js';
import type { GoldenSetIssue } from './errors.js';
import { caseFigures, expectedPlan, knowledgeText, type CaseFigures, type VerifyTools } from './verify-context.js';
import { containsPhrase, figuresIn, type Figure } from './verify-figures.js';
import type { CarConstraints, GoldenTurn, LoadedCase } from './schema.js';

/** What one turn's keywords may state, beyond the whole case's figures. */
interface TurnScope {
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

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** The catalog model a name stands for, only when it is spelt exactly ("Versa", "Nissan Versa"). */
function exactModel(catalog: Catalog, text: string): { make: string; model: string } | undefined {
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
    return scope.planMoney.has(figure.cents) ? undefined : `${shown} is not a figure of this turn's financing plan (monthlyPayment)`;
  }
  if (!scope.figures.money.has(figure.cents)) return `${shown} is not a price or payment the tools give for this case`;
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
      return figures.percents.has(figure.value) ? undefined : `${figure.text} is neither in the knowledge base nor said by the customer`;
    case 'km':
      return figures.kms.has(figure.value) ? undefined : `${figure.text} is not the mileage of a catalog car`;
    case 'number': {
      const unit = fold(keyword.slice(keyword.indexOf(figure.text) + figure.text.length)).split(/\s+/)[0] ?? '';
      if (unit === 'meses' && figures.termMonths.has(figure.value)) return undefined;
      if ((unit === 'anos' || unit === 'ano') && figures.termYears.has(figure.value)) return undefined;
      if (keyword.trim() === figure.text && (figures.years.has(figure.value) || figures.stockIds.has(figure.text))) return undefined;
      return `"${keyword}" is not a figure the catalog, the financing tool or the knowledge base gives`;
    }
  }
}

/** "Versa 2020", "Mazda 3 2021": a catalog model and a year. */
function modelAndYear(catalog: Catalog, keyword: string): { model: { make: string; model: string }; year: number } | undefined {
  const match = /^(.+?)\s+((?:19|20)\d{2})$/.exec(keyword.trim());
  const model = match ? exactModel(catalog, match[1]!) : undefined;
  return model ? { model, year: Number(match![2]) } : undefined;
}

/** The catalog cars a keyword names: a model ("CX-5") or a model and year ("Versa 2020"). */
function carsNamed(catalog: Catalog, keyword: string): Car[] {
  const model = exactModel(catalog, keyword);
  if (model) return carsOf(catalog, model);
  const withYear = modelAndYear(catalog, keyword);
  return withYear ? carsOf(catalog, withYear.model).filter((car) => car.year === withYear.year) : [];
}

/** Model names that are everyday words or too short to spot in a message ("uno", "gol"). */
const AMBIGUOUS_MODEL_NAMES = new Set(['uno', 'gol', 'hs', 'a1']);

/** Letters and digits only, one space between words, padded: " la cx 5 2019 ". */
const wordKey = (text: string): string => ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** Catalog cars whose model the customer's message names ("el Versa", "la CX-5"). */
function carsInMessage(catalog: Catalog, message: string): Car[] {
  const words = wordKey(message);
  return catalog.cars.filter((car) => !AMBIGUOUS_MODEL_NAMES.has(fold(car.model)) && words.includes(wordKey(car.model)));
}

function checkKeyword(keyword: string, scope: TurnScope, catalog: Catalog): string | undefined {
  if (exactModel(catalog, keyword)) return undefined;
  const withYear = modelAndYear(catalog, keyword);
  if (withYear) {
    const years = carsOf(catalog, withYear.model).map((car) => car.year);
    return years.includes(withYear.year) ? undefined : `the catalog has no ${withYear.model.model} ${withYear.year} (only ${years.join(', ')})`;
  }
  const figures = figuresIn(keyword);
  if (figures.length === 0) {
    const name = fold(keyword);
    if (scope.allBranches.has(name) && !scope.branches.has(name)) return `${keyword} is not a branch in the city the customer named`;
    return undefined;
  }
  for (const figure of figures) {
    const problem = checkNumber(keyword, figure, scope);
    if (problem) return problem;
  }
  return undefined;
}

/** The car's price and every figure of its plan at each allowed term, for the same down payment. */
function planFigures(car: Car, plan: FinancingPlan): Set<number> {
  const terms = planAllTerms({ priceCents: car.priceCents, downPaymentCents: plan.downPaymentCents });
  return new Set([
    car.priceCents,
    ...terms.flatMap((outcome) => (outcome.ok ? [outcome.plan] : [])).flatMap((p) => [
      p.monthlyPaymentCents,
      p.downPaymentCents,
      p.financedCents,
      p.totalPaidCents,
      p.totalInterestCents,
    ]),
  ]);
}

function toQuery(constraints: CarConstraints): CarQuery {
  return { ...constraints, limit: 1 };
}

function checkFacts(turn: GoldenTurn, catalog: Catalog, scope: TurnScope, at: (path: string, message: string) => void): void {
  const facts = turn.expect.facts;
  if (typeof facts !== 'object') return;
  if (facts.constraints) {
    const { make, model } = facts.constraints;
    if (model !== undefined && !exactModel(catalog, make ? `${make} ${model}` : model)) {
      at('expect.facts.constraints.model', `the catalog has no model "${model}"`);
    }
    const total = catalog.search(toQuery(facts.constraints)).total;
    if (total === 0 && !facts.noCars) at('expect.facts.constraints', 'no catalog car meets these constraints');
    for (const car of new Set(scope.namedCars.map((c) => `${c.make}|${c.model}`))) {
      const [carMake, carModel] = car.split('|');
      const query = { ...toQuery(facts.constraints), make: carMake, model: carModel };
      if (catalog.search(query).total === 0) at('expect.keywords', `no ${carModel} in the catalog meets this turn's constraints`);
    }
  }
  if (facts.monthlyPayment) {
    const expectation = facts.monthlyPayment;
    const path = 'expect.facts.monthlyPayment';
    if ((expectation.downPaymentAmount === undefined) === (expectation.downPaymentPercent === undefined)) {
      at(path, 'give exactly one of downPaymentPercent and downPaymentAmount');
    }
    const { car, outcome } = expectedPlan(catalog, expectation);
    if (!car) return at(`${path}.stockId`, `no catalog car has stock id ${expectation.stockId}`);
    if (!outcome?.ok) return at(path, `the financing tool refuses this plan: ${outcome?.refusal.message ?? 'no plan'}`);
    const payment = formatMXN(outcome.plan.monthlyPaymentCents);
    const listed = [...(turn.expect.keywords?.all ?? []), ...(turn.expect.keywords?.any ?? [])];
    const stated = listed.some((keyword) =>
      figuresIn(keyword).some((figure) => figure.kind === 'money' && figure.cents === outcome.plan.monthlyPaymentCents),
    );
    if (!stated) at('expect.keywords', `the financing tool gives ${payment} a month: list it in keywords.all or .any`);
  }
}

/**
 * Recomputes every figure the golden set expects with the tools (catalog search, financing,
 * knowledge base): prices, payments, mileages, years, branches, constraints. [] = all true.
 */
export function verifyGoldenSet(cases: readonly LoadedCase[], tools: VerifyTools): GoldenSetIssue[] {
  const { catalog, knowledge } = tools;
  const allBranches = new Set(knowledge.branches.map((branch) => fold(branch.name)));
  const text = knowledgeText(knowledge);
  const issues: GoldenSetIssue[] = [];

  for (const goldenCase of cases) {
    const issue = (path: string, message: string): void => {
      issues.push({ file: goldenCase.file, line: goldenCase.line, caseId: goldenCase.id, path, message });
    };
    const figures = caseFigures(goldenCase, tools, text);
    for (const stockId of [goldenCase.profile?.carUnderDiscussion, ...(goldenCase.profile?.lastRecommended ?? [])]) {
      if (stockId && !catalog.byStockId(stockId)) issue('profile', `no catalog car has stock id ${stockId}`);
    }

    const cityTexts: string[] = goldenCase.profile?.city ? [goldenCase.profile.city] : [];
    const hasBranchCity = (): boolean => cityTexts.some((city) => knowledge.branchesIn(city).hasBranch);
    let discussedCars: Car[] = [];
    goldenCase.turns.forEach((turn, index) => {
      cityTexts.push(turn.user);
      const at = (path: string, message: string): void => issue(`turns[${index}].${path}`, message);
      const keywords = turn.expect.keywords ?? {};
      const positive = [...(keywords.all ?? []), ...(keywords.any ?? [])];
      const namedCars = positive.flatMap((keyword) => carsNamed(catalog, keyword));
      const inMessage = carsInMessage(catalog, turn.user);
      if (namedCars.length > 0) discussedCars = namedCars;
      else if (inMessage.length > 0) discussedCars = inMessage;
      const facts = turn.expect.facts;
      const plan = typeof facts === 'object' && facts.monthlyPayment ? expectedPlan(catalog, facts.monthlyPayment) : undefined;
      const planMoney = plan?.car && plan.outcome?.ok ? planFigures(plan.car, plan.outcome.plan) : undefined;
      const branches = new Set(
        cityTexts.flatMap((city) => knowledge.branchesIn(city).branches.map((branch) => fold(branch.name))),
      );
      const scope: TurnScope = { figures, planMoney, namedCars, discussedCars, branches, allBranches };

      for (const list of ['all', 'any'] as const) {
        (keywords[list] ?? []).forEach((keyword, k) => {
          const problem = checkKeyword(keyword, scope, catalog);
          if (problem) at(`expect.keywords.${list}[${k}]`, problem);
        });
      }
      for (const forbidden of keywords.none ?? []) {
        if (positive.some((keyword) => fold(keyword) === fold(forbidden))) {
          at('expect.keywords.none', `"${forbidden}" is both required and forbidden`);
        }
      }
      checkFacts(turn, catalog, scope, at);
    });

    if (goldenCase.tags.includes('no-branch') && hasBranchCity()) issue('tags', 'tagged no-branch, but a city it names has a branch');
    if (goldenCase.tags.includes('branch') && !hasBranchCity()) issue('tags', 'tagged branch, but names no city with a branch');
  }
  return issues;
}
