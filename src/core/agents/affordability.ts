import type { Car, CarQuery } from '../../tools/catalog/types.js';
import {
  AFFORDABILITY_DEFAULTS,
  downPaymentFor,
  maxPriceForMonthly,
  minimumDownPayment,
  planFinancing,
  TERM_YEARS,
  type DownPaymentRule,
  type FinancingPlan,
} from '../../tools/financing.js';
import { formatMXN, pesosToCents } from '../../tools/money.js';
import type { AgentName } from '../tasks.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carFacts, carLine, FINANCING_DISCLAIMER, joinSpanish } from './format.js';
import { SORT_LABEL } from './ordering.js';

const SHOWN = 3;

/** The down payment the customer gave (this message, else the conversation), else each car's minimum. */
function downPaymentRule(ctx: AgentContext): DownPaymentRule {
  const e = ctx.entities;
  const amount =
    e.downPaymentAmount ?? (e.downPaymentPercent === null ? ctx.profile.downPaymentAmount : null);
  const percent =
    e.downPaymentPercent ?? (e.downPaymentAmount === null ? ctx.profile.downPaymentPercent : null);
  if (amount !== null) return { kind: 'amount', cents: pesosToCents(amount) };
  if (percent !== null) return { kind: 'percent', percent };
  return { kind: AFFORDABILITY_DEFAULTS.downPayment };
}

function downPaymentText(rule: DownPaymentRule): string {
  if (rule.kind === 'amount') return `${formatMXN(rule.cents)} de enganche`;
  if (rule.kind === 'percent') return `${rule.percent}% de enganche`;
  return 'el enganche mínimo (10% del precio)';
}

/**
 * "Puedo pagar máximo 4 mil al mes, doy 40 mil de enganche, a 6 años, ¿qué me alcanza?": the
 * highest price that fits (the financing tool), then the catalog's cars under it, each with its
 * payment on that same plan. A missing term or down payment takes AFFORDABILITY_DEFAULTS, and
 * the draft says so. `baseQuery` holds the conversation's other filters (make, year, km…).
 */
export function affordabilityAnswer(ctx: AgentContext, agent: AgentName, baseQuery: CarQuery): AgentAnswer {
  const e = ctx.entities;
  const targetCents = pesosToCents(e.monthlyPaymentTarget ?? 0);
  const askedTerm = e.termYears ?? ctx.profile.termYears;
  const termGiven = askedTerm !== null && (TERM_YEARS as readonly number[]).includes(askedTerm);
  const termYears = termGiven ? askedTerm : AFFORDABILITY_DEFAULTS.termYears;
  const downPayment = downPaymentRule(ctx);
  const lines: string[] = [];
  const assumed: string[] = [];
  if (askedTerm !== null && !termGiven)
    lines.push(`No manejamos plazo de ${askedTerm} años: el plazo va de 3 a 6 años.`);
  if (!termGiven) assumed.push(`el plazo más largo, ${termYears * 12} meses (${termYears} años)`);
  if (downPayment.kind === 'minimum') assumed.push('el enganche mínimo del 10% de cada auto');

  const found = useTool(
    ctx,
    'financing.maxPriceForMonthly',
    { targetMonthlyCents: targetCents, termYears, downPayment },
    () => maxPriceForMonthly({ targetMonthlyCents: targetCents, termYears, downPayment }),
  );
  if (!found.ok) {
    lines.push(found.refusal.message, '¿Con qué mensualidad o enganche te gustaría que lo calculemos?');
    return { agent, draft: lines.join('\n'), facts: { refusal: found.refusal }, phrase: true };
  }
  const { maxPriceCents, limitedBy } = found.affordable;
  lines.push(
    `Con ${formatMXN(targetCents)} al mes, ${downPaymentText(downPayment)} y ${termYears * 12} meses de plazo, te alcanza un auto de hasta ${formatMXN(maxPriceCents)}.`,
  );
  if (limitedBy === 'down_payment')
    lines.push('Ese tope lo pone el enganche: debe ser al menos el 10% del precio del auto.');
  if (assumed.length) lines.push(`Supuse ${joinSpanish(assumed)}; si quieres otro, dime y lo recalculo.`);

  const query = affordableQuery(ctx, baseQuery, maxPriceCents, downPayment);
  const result = useTool(ctx, 'catalog.search', query, () => ctx.tools.catalog.search(query));
  const plansFor = (cars: readonly Car[]) => offersOn(ctx, cars, termYears, downPayment);
  let offers = plansFor(result.cars);
  let relaxed: string | null = null;
  let over: Offer[] = [];
  if (offers.length) {
    const order = e.sortBy ? `, ${SORT_LABEL[e.sortBy].many} primero` : ', los de precio más cercano primero';
    lines.push(`Estas opciones entran en ese plan${order}:`);
    offers.forEach(({ car, plan }, i) => lines.push(offerLine(car, plan, i + 1, downPayment)));
    lines.push(FINANCING_DISCLAIMER, '¿Te interesa alguno? Te doy el plan completo o agendamos una visita.');
  } else {
    // Round 3, item 7: never a bare "no tengo": under the same maximum, the least important filter
    // gives way; with nothing under it at all, the cheapest cars and the payment each would need.
    const closest = relaxUnderMax(ctx, query);
    offers = closest ? plansFor(closest.cars) : [];
    if (closest && offers.length) {
      relaxed = closest.label;
      lines.push(
        `Con todo lo que pides no tengo autos de hasta ${formatMXN(maxPriceCents)}. Sin fijarme en ${closest.label}, lo más cercano que entra en ese plan:`,
      );
      offers.forEach(({ car, plan }, i) => lines.push(offerLine(car, plan, i + 1, downPayment)));
      lines.push(
        FINANCING_DISCLAIMER,
        '¿Alguno te sirve? O ajustamos la mensualidad, el enganche o el plazo.',
      );
    } else {
      // A dearer car may need more than the customer's down payment: at least the minimum.
      over = offersOn(ctx, cheapestOverall(ctx, query), termYears, downPayment, true);
      if (over.length) {
        lines.push(
          `No tengo autos de hasta ${formatMXN(maxPriceCents)} con lo que buscas. Los más económicos que tengo, y la mensualidad que necesitarías a ese plazo:`,
        );
        over.forEach(({ car, plan }, i) => lines.push(offerLine(car, plan, i + 1, downPayment)));
        lines.push(
          FINANCING_DISCLAIMER,
          '¿Subimos la mensualidad o el enganche, o buscamos otro tipo de auto?',
        );
      } else {
        lines.push(
          'No tengo autos en el catálogo que entren en ese plan con lo que buscas. ¿Ajustamos la mensualidad, el enganche o el modelo?',
        );
      }
    }
  }
  const listed = offers.length ? offers : over;
  return {
    agent,
    draft: lines.join('\n'),
    facts: {
      affordability: {
        targetMonthly: formatMXN(targetCents),
        termMonths: termYears * 12,
        termAssumed: !termGiven,
        downPayment: downPaymentText(downPayment),
        downPaymentAssumed: downPayment.kind === 'minimum',
        maxPrice: formatMXN(maxPriceCents),
        limitedBy,
      },
      totalMatches: result.total,
      relaxed,
      cars: listed.map(({ car, plan }) => ({
        ...carFacts(car),
        downPayment: formatMXN(plan.downPaymentCents),
        monthlyPayment: formatMXN(plan.monthlyPaymentCents),
        overMaximum: car.priceCents > maxPriceCents,
      })),
    },
    // Round 3, item 6: "¿y en ese rango…?" later means up to this maximum.
    profilePatch: {
      budgetMax: query.priceMax ?? null,
      ...(listed.length
        ? { lastRecommended: listed.map((o) => o.car.stockId), carUnderDiscussion: listed[0]!.car.stockId }
        : {}),
    },
    phrase: true,
  };
}

/** The conversation's filters, under the price that fits (and over the down payment, if one). */
function affordableQuery(
  ctx: AgentContext,
  base: CarQuery,
  maxPriceCents: number,
  downPayment: DownPaymentRule,
): CarQuery {
  const capPesos = Math.floor(maxPriceCents / 100);
  // A budget said in this message caps it too; one remembered may be an earlier maximum.
  const stated = ctx.entities.priceMax;
  const query: CarQuery = {
    ...base,
    limit: SHOWN,
    sort: ctx.entities.sortBy ?? 'price_desc',
    priceMax: stated !== null ? Math.min(stated, capPesos) : capPesos,
  };
  if (downPayment.kind === 'amount') query.priceMin = Math.ceil(downPayment.cents / 100) + 1;
  return query;
}

function offerLine(car: Car, plan: FinancingPlan, position: number, rule: DownPaymentRule): string {
  const asGiven = rule.kind === 'amount' && plan.downPaymentCents === rule.cents;
  const down = asGiven ? '' : `enganche ${formatMXN(plan.downPaymentCents)}, `;
  return `${carLine(car, position)} → ${down}${formatMXN(plan.monthlyPaymentCents)} al mes`;
}

interface Offer {
  car: Car;
  plan: FinancingPlan;
}

/** Each car's payment on the customer's plan (the financing tool), cars it cannot finance left out. */
function offersOn(
  ctx: AgentContext,
  cars: readonly Car[],
  termYears: number,
  rule: DownPaymentRule,
  raiseToMinimum = false,
): Offer[] {
  const fixedDown = rule.kind === 'amount' ? { downPaymentCents: rule.cents } : {};
  return useTool(
    ctx,
    'financing.plan',
    { stockIds: cars.map((c) => c.stockId), termYears, ...fixedDown },
    () =>
      cars.flatMap((car) => {
        const asked = downPaymentFor(rule, car.priceCents);
        const outcome = planFinancing({
          priceCents: car.priceCents,
          downPaymentCents: raiseToMinimum ? Math.max(asked, minimumDownPayment(car.priceCents)) : asked,
          termYears,
        });
        return outcome.ok ? [{ car, plan: outcome.plan }] : [];
      }),
  );
}

/** The filters that give way first, least important first; the price cap never does. */
const RELAXABLE: readonly { keys: readonly (keyof CarQuery)[]; label: string }[] = [
  { keys: ['kmMax'], label: 'el kilometraje' },
  { keys: ['yearMin', 'yearMax'], label: 'el año' },
  { keys: ['bluetooth', 'carplay'], label: 'el equipo (Bluetooth, CarPlay)' },
  { keys: ['transmission'], label: 'la transmisión' },
  { keys: ['bodyTypes', 'seatsMin'], label: 'el tipo de auto' },
  { keys: ['model'], label: 'el modelo' },
  { keys: ['make', 'model'], label: 'la marca' },
];

/** The first single filter whose removal finds cars under the same maximum. */
function relaxUnderMax(ctx: AgentContext, query: CarQuery): { cars: Car[]; label: string } | undefined {
  for (const { keys, label } of RELAXABLE) {
    if (!keys.some((k) => query[k] !== undefined)) continue;
    const wider: CarQuery = { ...query };
    for (const key of keys) delete wider[key];
    const { cars } = useTool(ctx, 'catalog.search', wider, () => ctx.tools.catalog.search(wider));
    if (cars.length) return { cars, label };
  }
  return undefined;
}

/** Nothing under the maximum: the cheapest cars with the customer's filters (else any). */
function cheapestOverall(ctx: AgentContext, query: CarQuery): Car[] {
  const cheapest: CarQuery = { ...query, sort: 'price_asc' };
  delete cheapest.priceMax;
  const filtered = useTool(ctx, 'catalog.search', cheapest, () => ctx.tools.catalog.search(cheapest)).cars;
  if (filtered.length) return filtered;
  const any: CarQuery = { limit: query.limit ?? SHOWN, sort: 'price_asc' };
  return useTool(ctx, 'catalog.search', any, () => ctx.tools.catalog.search(any)).cars;
}
