import type { Car } from '../../tools/catalog/types.js';
import {
  downPaymentForMonthly,
  FINANCING_RULES,
  downPaymentFromPercent,
  minimumDownPayment,
  planAllTerms,
  planFinancing,
  TERM_YEARS,
  type FinancingPlan,
} from '../../tools/financing.js';
import { formatMXN, pesosToCents } from '../../tools/money.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carFacts, carTitle, FINANCING_DISCLAIMER } from './format.js';
import { affordabilityAnswer } from './affordability.js';
import { buildQuery } from './cars.js';
import { namedCar } from './named-car.js';

const DISCLAIMER = FINANCING_DISCLAIMER;

export const financingAgent: Agent = {
  name: 'financing',
  run(ctx) {
    const car = carToFinance(ctx);
    // "Puedo pagar 4 mil al mes" with no car yet asks what the payment affords.
    if (!car && ctx.entities.monthlyPaymentTarget !== null)
      return affordabilityAnswer(ctx, 'financing', buildQuery(ctx));
    if (!car) return askForCar(ctx);
    const target = ctx.entities.monthlyPaymentTarget;
    // "Doy 60 mil y pago 4 mil al mes": the down payment is given, so its plan, held to that payment.
    const givesDown = ctx.entities.downPaymentAmount !== null || ctx.entities.downPaymentPercent !== null;
    if (target !== null && !givesDown) return reverse(ctx, car, target);
    // The monthly payment said earlier still holds the plan to it ("¿y a 5 años ya me alcanza el Corolla?").
    const held = target ?? ctx.profile.monthlyPaymentTarget;
    return plan(ctx, car, held === null ? null : pesosToCents(held));
  },
};

/** The car named in this message, else the one pointed at, else the car under discussion. */
function carToFinance(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  const e = ctx.entities;
  const named = namedCar(ctx);
  if (named) return named;
  const ref = e.pick !== null ? ctx.profile.lastRecommended.at(e.pick === -1 ? -1 : e.pick - 1) : undefined;
  const id = ref ?? ctx.profile.carUnderDiscussion;
  return id ? useTool(ctx, 'catalog.byStockId', { stockId: id }, () => catalog.byStockId(id)) : undefined;
}

function askForCar(ctx: AgentContext): AgentAnswer {
  const named = ctx.entities.model ?? ctx.entities.make;
  const draft = named
    ? `No tengo un ${named} con esas características en el catálogo para calcularte el plan. ¿Quieres que te muestre opciones parecidas?`
    : `¡Claro! ${generalTerms()}\n¿Para qué auto quieres calcular el financiamiento? Dime el modelo o el ID del auto y cuánto darías de enganche.`;
  return {
    agent: 'financing',
    draft,
    facts: { missing: ['car'], carNotFound: named, rules: FINANCING_RULES },
    phrase: true,
  };
}

/** "¿cuánto es lo mínimo de enganche? ¿a cuántos meses?" with no car yet: the rules every plan follows. */
function generalTerms(): string {
  const { minDownPaymentRatio, minTermYears, maxTermYears, annualRate } = FINANCING_RULES;
  return `El enganche mínimo es del ${minDownPaymentRatio * 100}% del precio del auto y los plazos van de ${minTermYears * 12} a ${maxTermYears * 12} meses (${minTermYears} a ${maxTermYears} años), con tasa de interés anual del ${annualRate * 100}%.`;
}

function downPaymentCents(ctx: AgentContext, car: Car): { cents: number; source: 'customer' | 'minimum' } {
  const e = ctx.entities;
  if (e.downPaymentMinimum === true && e.downPaymentAmount === null && e.downPaymentPercent === null)
    return { cents: minimumDownPayment(car.priceCents), source: 'minimum' };
  const amount =
    e.downPaymentAmount ?? (e.downPaymentPercent === null ? ctx.profile.downPaymentAmount : null);
  const percent =
    e.downPaymentPercent ?? (e.downPaymentAmount === null ? ctx.profile.downPaymentPercent : null);
  if (amount !== null) return { cents: pesosToCents(amount), source: 'customer' };
  if (percent !== null) return { cents: downPaymentFromPercent(car.priceCents, percent), source: 'customer' };
  return { cents: minimumDownPayment(car.priceCents), source: 'minimum' };
}

function plan(ctx: AgentContext, car: Car, targetCents: number | null = null): AgentAnswer {
  const lines = [`Para el ${carTitle(car)} (ID ${car.stockId}), con precio de ${formatMXN(car.priceCents)}:`];
  const facts: Record<string, unknown> = { car: carFacts(car) };
  let down = downPaymentCents(ctx, car);

  const requested = useTool(
    ctx,
    'financing.check',
    { priceCents: car.priceCents, downPaymentCents: down.cents },
    () =>
      planFinancing({ priceCents: car.priceCents, downPaymentCents: down.cents, termYears: TERM_YEARS[0] }),
  );
  if (!requested.ok && requested.refusal.reason === 'down_payment_too_low') {
    lines.push(
      `El enganche que mencionas (${formatMXN(down.cents)}) es menor al mínimo. ${requested.refusal.message}`,
    );
    facts.refusal = requested.refusal;
    down = { cents: minimumDownPayment(car.priceCents), source: 'minimum' };
  } else if (!requested.ok) {
    lines.push(requested.refusal.message);
    return {
      agent: 'financing',
      draft: lines.join('\n'),
      facts: { ...facts, refusal: requested.refusal },
      phrase: true,
    };
  }

  const askedTerm = ctx.entities.termYears ?? ctx.profile.termYears;
  const termValid = askedTerm !== null && (TERM_YEARS as readonly number[]).includes(askedTerm);
  if (askedTerm !== null && !termValid) {
    const refusal = planFinancing({
      priceCents: car.priceCents,
      downPaymentCents: down.cents,
      termYears: askedTerm,
    });
    if (!refusal.ok) {
      lines.push(`No manejamos plazo de ${askedTerm} años: ${refusal.refusal.message}`);
      facts.termRefusal = refusal.refusal;
    }
  }

  const pct = Math.round((down.cents / car.priceCents) * 1000) / 10;
  const downLabel =
    down.source === 'minimum'
      ? `enganche mínimo (10%) de ${formatMXN(down.cents)}`
      : `enganche de ${formatMXN(down.cents)} (${pct}%)`;
  const outcomes = useTool(
    ctx,
    'financing.plan',
    { priceCents: car.priceCents, downPaymentCents: down.cents, termYears: termValid ? askedTerm : 'all' },
    () =>
      termValid
        ? [planFinancing({ priceCents: car.priceCents, downPaymentCents: down.cents, termYears: askedTerm })]
        : planAllTerms({ priceCents: car.priceCents, downPaymentCents: down.cents }),
  );
  const plans = outcomes.flatMap((o) => (o.ok ? [o.plan] : []));
  const first = plans[0];
  if (!first) return { agent: 'financing', draft: lines.join('\n'), facts, phrase: true };

  lines.push(`Con un ${downLabel}, financias ${formatMXN(first.financedCents)}.`);
  if (plans.length === 1) {
    lines.push(
      `- ${first.months} meses (${first.termYears} años): ${formatMXN(first.monthlyPaymentCents)} al mes`,
    );
    lines.push(
      `Pagarías en total ${formatMXN(first.totalPaidCents)} (intereses: ${formatMXN(first.totalInterestCents)}).`,
    );
  } else {
    for (const p of plans) lines.push(`- ${p.months} meses: ${formatMXN(p.monthlyPaymentCents)} al mes`);
  }
  if (targetCents !== null) lines.push(withinTarget(plans, targetCents));
  lines.push(DISCLAIMER);
  // Asked for the minimum on purpose: the down payment is settled, the term is what is left.
  if (down.source === 'minimum' && ctx.entities.downPaymentMinimum === true)
    lines.push(
      plans.length > 1
        ? '¿Qué plazo te acomoda más?'
        : '¿Te gustaría apartarlo o agendar una prueba de manejo?',
    );
  else if (down.source === 'minimum')
    lines.push('¿Cuánto te gustaría dar de enganche? Con eso te doy la cifra exacta.');
  else if (plans.length > 1) lines.push('¿Qué plazo te acomoda más?');
  else lines.push('¿Te gustaría apartarlo o agendar una prueba de manejo?');

  return {
    agent: 'financing',
    draft: lines.join('\n'),
    facts: {
      ...facts,
      downPayment: formatMXN(down.cents),
      downPaymentSource: down.source,
      plans: plans.map(planFacts),
    },
    profilePatch: { carUnderDiscussion: car.stockId },
    phrase: true,
  };
}

/** Which of the plans fit the most the customer can pay a month. */
function withinTarget(plans: readonly FinancingPlan[], targetCents: number): string {
  const limit = formatMXN(targetCents);
  const fitting = plans.filter((p) => p.monthlyPaymentCents <= targetCents);
  if (fitting.length === plans.length)
    return plans.length === 1
      ? `Queda dentro de tu máximo de ${limit} al mes.`
      : `Todos los plazos quedan dentro de tu máximo de ${limit} al mes.`;
  if (fitting.length === 0 && plans.length === 1)
    return plans[0]!.termYears < Math.max(...TERM_YEARS)
      ? `Se pasa de tu máximo de ${limit} al mes: sube el enganche o el plazo, o te busco un auto más económico.`
      : `Se pasa de tu máximo de ${limit} al mes: sube el enganche o te busco un auto más económico.`;
  if (fitting.length === 0)
    return `Con ese enganche ningún plazo queda en ${limit} al mes o menos: sube el enganche o te busco un auto más económico.`;
  return `Dentro de tu máximo de ${limit} al mes quedan los plazos de ${fitting.map((p) => p.months).join(', ')} meses.`;
}

function reverse(ctx: AgentContext, car: Car, targetPesos: number): AgentAnswer {
  const target = pesosToCents(targetPesos);
  const askedTerm = ctx.entities.termYears ?? ctx.profile.termYears;
  const terms =
    askedTerm !== null && (TERM_YEARS as readonly number[]).includes(askedTerm)
      ? [askedTerm]
      : [...TERM_YEARS];
  const results = useTool(
    ctx,
    'financing.downPaymentForMonthly',
    { priceCents: car.priceCents, targetMonthlyCents: target, terms },
    () =>
      terms.map((termYears) =>
        downPaymentForMonthly({ priceCents: car.priceCents, targetMonthlyCents: target, termYears }),
      ),
  );
  const lines = [
    `Para pagar como máximo ${formatMXN(target)} al mes por el ${carTitle(car)} (ID ${car.stockId}, ${formatMXN(car.priceCents)}):`,
  ];
  const plans: FinancingPlan[] = [];
  for (const r of results) {
    if (!r.ok) continue;
    plans.push(r.plan);
    const note = r.atMinimum ? ' (el mínimo de 10%)' : '';
    lines.push(
      `- A ${r.plan.months} meses: enganche de ${formatMXN(r.plan.downPaymentCents)}${note}, mensualidad de ${formatMXN(r.plan.monthlyPaymentCents)}`,
    );
  }
  lines.push(DISCLAIMER, '¿Cuál plazo te acomoda?');
  return {
    agent: 'financing',
    draft: lines.join('\n'),
    facts: { car: carFacts(car), targetMonthly: formatMXN(target), plans: plans.map(planFacts) },
    profilePatch: { carUnderDiscussion: car.stockId },
    phrase: true,
  };
}

function planFacts(p: FinancingPlan): Record<string, string | number> {
  return {
    price: formatMXN(p.priceCents),
    downPayment: formatMXN(p.downPaymentCents),
    financed: formatMXN(p.financedCents),
    months: p.months,
    monthlyPayment: formatMXN(p.monthlyPaymentCents),
    totalPaid: formatMXN(p.totalPaidCents),
    totalInterest: formatMXN(p.totalInterestCents),
  };
}
