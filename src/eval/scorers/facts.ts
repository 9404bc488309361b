import { checkConstraints, checkNamedCars } from './facts-cars.js';
import { checkExpectedMonthly, checkMonthlyPayments } from './facts-monthly.js';
import { branchClaims, isKnownBranchOrCity } from './branch-mentions.js';
import { ok, resultFromFindings, violation, type Finding } from './findings.js';
import { classifiedFigures } from '../../tools/text/money-figures.js';
import { groundedAmounts, groundedFigures } from './tool-facts.js';
import { statedFigures } from '../../tools/text/figures.js';
import { needsNoSource } from '../../tools/text/grounded-figures.js';
import type { ScoreParams, ScoreResult } from './types.js';

/**
 * Grounding against the tools: cars named exist and are priced as in the catalog and meet the
 * case's constraints; every money figure came from a tool this turn (or is a named car's price,
 * or a monthly payment verified with the financing tool); monthly payments match the financing
 * tool to the cent; every percentage and term came from a tool, the financing rules or the
 * customer; no stock id or branch the tools do not know.
 */
export function scoreFacts(params: ScoreParams): ScoreResult {
  const expectation = params.expect.facts;
  if (expectation === false) return { scorer: 'facts', pass: true, score: 1, reason: 'facts check off' };
  const options = typeof expectation === 'object' ? expectation : {};
  const { catalog, knowledge } = params.tools;
  const text = params.reply.normalize('NFC');
  const figures = classifiedFigures(text);
  const findings: Finding[] = [];

  const { cars, findings: carFindings } = checkNamedCars(text, figures, catalog);
  findings.push(...carFindings);
  if (options.constraints) findings.push(...checkConstraints(cars, options.constraints, catalog));

  const monthly = checkMonthlyPayments(text, figures, cars, params.trace);
  findings.push(...monthly.findings);
  if (options.monthlyPayment) findings.push(checkExpectedMonthly(options.monthlyPayment, figures, catalog));

  const customerTexts = [
    params.trace.message,
    ...params.conversation.filter((t) => t.role === 'customer').map((t) => t.text),
  ];
  const grounded = groundedAmounts(params.trace, customerTexts);
  for (const named of cars) for (const car of named.candidates) grounded.add(car.priceCents);
  for (const figure of figures) {
    if (grounded.has(figure.cents) || monthly.verified.has(figure.cents))
      findings.push(ok(`${figure.text} is grounded`));
    else findings.push(violation(`${figure.text} was not given by any tool this turn`));
  }

  // Rates, down-payment percentages and terms ("tasa del 12%", "a 60 meses", "cinco años").
  const stated = groundedFigures(params.trace, customerTexts);
  for (const figure of statedFigures(text)) {
    if ((figure.kind !== 'percent' && figure.kind !== 'months') || needsNoSource(figure)) continue;
    if (stated.has(figure)) findings.push(ok(`${figure.text} is grounded`));
    else findings.push(violation(`${figure.text} was not given by any tool this turn`));
  }

  for (const claim of branchClaims(text)) {
    if (isKnownBranchOrCity(claim.name, knowledge)) findings.push(ok(`branch ${claim.name} exists`));
    else findings.push(violation(`branch "${claim.name}" is not in the knowledge base`));
  }

  const offered = cars.filter((named) => named.candidates.length > 0);
  if (options.requireCars) {
    findings.push(
      offered.length > 0
        ? ok('names a catalog car')
        : violation('expected at least one catalog car, the reply names none'),
    );
  }
  if (options.noCars) {
    findings.push(
      cars.length === 0
        ? ok('names no car')
        : violation(`expected no car, but the reply offers ${cars.map((n) => n.label).join(', ')}`),
    );
  }

  const summary = `grounded: ${cars.length} car(s), ${figures.length} money figure(s) checked`;
  return resultFromFindings('facts', findings, summary);
}
