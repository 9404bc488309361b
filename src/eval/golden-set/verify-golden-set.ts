import type { Car, CarQuery, Catalog } from '../../tools/catalog/types.js';
import { planAllTerms, type FinancingPlan } from '../../tools/financing.js';
import { formatMXN } from '../../tools/money.js';
import type { GoldenSetIssue } from './errors.js';
import {
  caseFigures,
  expectedAffordable,
  expectedPlan,
  knowledgeText,
  turnPlans,
  type VerifyTools,
} from './verify-context.js';
import { sortCars } from '../../tools/catalog/index.js';
import { figuresIn } from './verify-figures.js';
import {
  carsInMessage,
  carsNamed,
  checkKeyword,
  exactModel,
  fold,
  type TurnScope,
} from './verify-keywords.js';
import type { CarConstraints, GoldenTurn, LoadedCase } from './schema.js';

/** The car's price and every figure of its plan at each allowed term, for the same down payment. */
function planFigures(car: Car, plan: FinancingPlan): Set<number> {
  const terms = planAllTerms({ priceCents: car.priceCents, downPaymentCents: plan.downPaymentCents });
  return new Set([
    car.priceCents,
    ...terms
      .flatMap((outcome) => (outcome.ok ? [outcome.plan] : []))
      .flatMap((p) => [
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

function checkFacts(
  turn: GoldenTurn,
  catalog: Catalog,
  scope: TurnScope,
  at: (path: string, message: string) => void,
): void {
  const facts = turn.expect.facts;
  if (typeof facts !== 'object') return;
  if (facts.constraints) {
    const { make, model } = facts.constraints;
    if (model !== undefined && !exactModel(catalog, make ? `${make} ${model}` : model)) {
      at('expect.facts.constraints.model', `the catalog has no model "${model}"`);
    }
    const total = catalog.search(toQuery(facts.constraints)).total;
    if (total === 0 && !facts.noCars)
      at('expect.facts.constraints', 'no catalog car meets these constraints');
    for (const car of new Set(scope.namedCars.map((c) => `${c.make}|${c.model}`))) {
      const [carMake, carModel] = car.split('|');
      const query = { ...toQuery(facts.constraints), make: carMake, model: carModel };
      if (catalog.search(query).total === 0)
        at('expect.keywords', `no ${carModel} in the catalog meets this turn's constraints`);
    }
  }
  const listed = [...(turn.expect.keywords?.all ?? []), ...(turn.expect.keywords?.any ?? [])];
  const statesMoney = (cents: number): boolean =>
    listed.some((keyword) => figuresIn(keyword).some((f) => f.kind === 'money' && f.cents === cents));
  if (facts.affordable) {
    const affordable = expectedAffordable(facts.affordable);
    if (typeof affordable === 'string')
      at('expect.facts.affordable', `the financing tool refuses it: ${affordable}`);
    else if (!statesMoney(affordable.maxPriceCents))
      at(
        'expect.keywords',
        `the financing tool affords up to ${formatMXN(affordable.maxPriceCents)}: list it in keywords.all or .any`,
      );
  }
  if (facts.best) {
    const { sortBy, constraints, among } = facts.best;
    const missing = (among ?? []).filter((id) => !catalog.byStockId(id));
    if (missing.length) at('expect.facts.best.among', `no catalog car has stock id ${missing.join(', ')}`);
    const best = among
      ? sortCars(
          among.flatMap((id) => catalog.byStockId(id) ?? []),
          sortBy,
        )[0]
      : catalog.search({ ...(constraints ? toQuery(constraints) : {}), sort: sortBy, limit: 1 }).cars[0];
    if (!best) at('expect.facts.best', 'no catalog car meets these constraints');
    else if (!listed.some((k) => k.includes(best.stockId)) && !statesMoney(best.priceCents))
      at(
        'expect.keywords',
        `the best by ${sortBy} is ${best.make} ${best.model} ${best.year} (ID ${best.stockId}, ${formatMXN(best.priceCents)}): list its stock id or price`,
      );
  }
  turnPlans(facts).forEach((expectation, n) => {
    const path =
      facts.monthlyPayment && n === 0
        ? 'expect.facts.monthlyPayment'
        : `expect.facts.monthlyPayments[${facts.monthlyPayment ? n - 1 : n}]`;
    if ((expectation.downPaymentAmount === undefined) === (expectation.downPaymentPercent === undefined)) {
      at(path, 'give exactly one of downPaymentPercent and downPaymentAmount');
    }
    const { car, outcome } = expectedPlan(catalog, expectation);
    if (!car) return at(`${path}.stockId`, `no catalog car has stock id ${expectation.stockId}`);
    if (!outcome?.ok)
      return at(path, `the financing tool refuses this plan: ${outcome?.refusal.message ?? 'no plan'}`);
    const payment = formatMXN(outcome.plan.monthlyPaymentCents);
    if (!statesMoney(outcome.plan.monthlyPaymentCents))
      at('expect.keywords', `the financing tool gives ${payment} a month: list it in keywords.all or .any`);
  });
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
    for (const stockId of [
      goldenCase.profile?.carUnderDiscussion,
      ...(goldenCase.profile?.lastRecommended ?? []),
    ]) {
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
      const plans = typeof facts === 'object' ? turnPlans(facts).map((e) => expectedPlan(catalog, e)) : [];
      const planMoney = plans.length
        ? new Set(
            plans.flatMap((plan) =>
              plan.car && plan.outcome?.ok ? [...planFigures(plan.car, plan.outcome.plan)] : [],
            ),
          )
        : undefined;
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

    if (goldenCase.tags.includes('no-branch') && hasBranchCity())
      issue('tags', 'tagged no-branch, but a city it names has a branch');
    if (goldenCase.tags.includes('branch') && !hasBranchCity())
      issue('tags', 'tagged branch, but names no city with a branch');
  }
  return issues;
}
