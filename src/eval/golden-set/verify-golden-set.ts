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
  if (owners && scope.namedCars.length > 0 && !owners.some((car) => scope.namedCars.includes(car))) {
    return `${shown} is the price of ${owners.map((c) => `${c.model} ${c.year}`).join(', ')}, not of the car this turn names`;
  }
  return undefined;
}

function checkNumber(keyword: string, figure: Figure, scope: TurnScope, catalog: Catalog): string | undefined {
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
      const name = keyword.replace(figure.text, ' ').trim();
      const model = name === '' ? undefined : exactModel(catalog, name);
      if (model) {
        const years = carsOf(catalog, model).map((car) => car.year);
        return years.includes(figure.value) ? undefined : `the catalog has no ${model.model} ${figure.value} (only ${years.join(', ')})`;
      }
      if (name === '' && (figures.years.has(figure.value) || figures.stockIds.has(String(figure.value)))) return undefined;
      return `"${keyword}" is not a figure the catalog, the financing tool or the knowledge base gives`;
    }
  }
}

function checkKeyword(keyword: string, scope: TurnScope, catalog: Catalog): string | undefined {
  const figures = figuresIn(keyword);
  if (figures.length === 0) {
    const name = fold(keyword);
    if (scope.allBranches.has(name) && !scope.branches.has(name)) return `${keyword} is not a branch in the city the customer named`;
    return undefined;
  }
  const numbers = figures.length > 1 && figures.every((f) => f.kind === 'money') ? figures : figures.slice(0, 1);
  for (const figure of numbers) {
    const problem = checkNumber(keyword, figure, scope, catalog);
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
    const stated = (turn.expect.keywords?.all ?? []).some((keyword) =>
      figuresIn(keyword).some((figure) => figure.kind === 'money' && figure.cents === outcome.plan.monthlyPaymentCents),
    );
    if (!stated) at('expect.keywords.all', `the financing tool gives ${payment} a month: list it in keywords.all`);
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
    goldenCase.turns.forEach((turn, index) => {
      cityTexts.push(turn.user);
      const at = (path: string, message: string): void => issue(`turns[${index}].${path}`, message);
      const keywords = turn.expect.keywords ?? {};
      const positive = [...(keywords.all ?? []), ...(keywords.any ?? [])];
      const namedCars = positive.flatMap((keyword) => {
        const model = figuresIn(keyword).length === 0 ? exactModel(catalog, keyword) : undefined;
        return model ? carsOf(catalog, model) : [];
      });
      const facts = turn.expect.facts;
      const plan = typeof facts === 'object' && facts.monthlyPayment ? expectedPlan(catalog, facts.monthlyPayment) : undefined;
      const planMoney = plan?.car && plan.outcome?.ok ? planFigures(plan.car, plan.outcome.plan) : undefined;
      const branches = new Set(
        cityTexts.flatMap((city) => knowledge.branchesIn(city).branches.map((branch) => fold(branch.name))),
      );
      const scope: TurnScope = { figures, planMoney, namedCars, branches, allBranches };

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
