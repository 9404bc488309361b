import type { Car } from '../../tools/catalog/types.js';
import { carVolume } from '../../tools/catalog/index.js';
import {
  downPaymentFor,
  minimumDownPayment,
  type DownPaymentRule,
  planFinancing,
  TERM_YEARS,
  type FinancingPlan,
} from '../../tools/financing.js';
import { formatMXN, pesosToCents } from '../../tools/money.js';
import { BODY_TYPE_LABELS } from '../../tools/text/car-lexicon.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carFactsWithBody, formatMm } from './car-facts.js';
import { carTitle, formatKm, joinSpanish } from './format.js';
import { hasName } from './named-car.js';

/** With no term from the customer, payments are compared at 4 years: the middle of Kavak's 3–6. */
const DEFAULT_TERM_YEARS = 4;
const MAX_COMPARED = 3;
const STOCK_ID = /^\d{5,7}$/;

/** A compared car: one of those shown if it has that name, else the catalog's best match. */
function findCompared(ctx: AgentContext, name: string): Car | undefined {
  const { catalog } = ctx.tools;
  // Round 3, item 8: a car named by its stock id ("compara el 305016 con el 306473").
  if (STOCK_ID.test(name))
    return useTool(ctx, 'catalog.byStockId', { stockId: name }, () => catalog.byStockId(name));
  const yearText = /\b(?:19|20)\d{2}\b/.exec(name)?.[0];
  const wanted = { year: yearText === undefined ? null : Number(yearText) };
  const bare = name.replace(/\b(?:19|20)\d{2}\b/, '').trim();
  const [first = '', ...rest] = bare.split(/\s+/);
  const named =
    catalog.resolveModel(bare) ?? (rest.length > 0 ? catalog.resolveModel(rest.join(' '), first) : null);
  const make = named?.make ?? catalog.resolveMake(bare)?.make;
  const model = named?.model;
  if (!make && !model) return undefined;
  const asked = { make: make ?? null, model: model ?? null, yearMin: wanted.year, yearMax: wanted.year };
  const shown = ctx.profile.lastRecommended
    .map((id) => catalog.byStockId(id))
    .find((c) => c && hasName(c, asked, catalog));
  if (shown) return shown;
  const query = {
    ...(make ? { make } : {}),
    ...(model ? { model } : {}),
    ...(wanted.year !== null ? { yearMin: wanted.year, yearMax: wanted.year } : {}),
    limit: 1,
  };
  return useTool(ctx, 'catalog.search', query, () => catalog.search(query)).cars[0];
}

interface PlanTerms {
  termYears: number;
  /** The customer's down payment in pesos, or a percentage; null = the 10% minimum. */
  amount: number | null;
  percent: number | null;
}

function planTerms(ctx: AgentContext): PlanTerms {
  const e = ctx.entities;
  const asked = e.termYears ?? ctx.profile.termYears;
  const termYears =
    asked !== null && (TERM_YEARS as readonly number[]).includes(asked) ? asked : DEFAULT_TERM_YEARS;
  const amount =
    e.downPaymentAmount ?? (e.downPaymentPercent === null ? ctx.profile.downPaymentAmount : null);
  const percent =
    e.downPaymentPercent ?? (e.downPaymentAmount === null ? ctx.profile.downPaymentPercent : null);
  return { termYears, amount, percent };
}

/** The same plan for every car: the customer's down payment (at least the minimum) and term. */
function samePlan(car: Car, terms: PlanTerms): FinancingPlan | undefined {
  const rule: DownPaymentRule =
    terms.amount !== null
      ? { kind: 'amount', cents: pesosToCents(terms.amount) }
      : terms.percent !== null
        ? { kind: 'percent', percent: terms.percent }
        : { kind: 'minimum' };
  const asked = downPaymentFor(rule, car.priceCents);
  const downPaymentCents = Math.max(asked, minimumDownPayment(car.priceCents));
  const outcome = planFinancing({ priceCents: car.priceCents, downPaymentCents, termYears: terms.termYears });
  return outcome.ok ? outcome.plan : undefined;
}

function equipment(car: Car): string {
  const gearbox =
    car.transmission === null
      ? 'transmisión sin dato'
      : car.transmission === 'automatic'
        ? 'automático'
        : 'estándar';
  const feature = (value: boolean | null, name: string): string =>
    value === null ? `${name} sin dato` : value ? name : `sin ${name}`;
  return [gearbox, feature(car.bluetooth, 'Bluetooth'), feature(car.carplay, 'CarPlay')].join(', ');
}

function size(car: Car): string {
  const body = car.bodyType === null ? 'carrocería sin dato' : BODY_TYPE_LABELS[car.bodyType];
  const seats = car.seats === null ? '' : `, ${car.seats} pasajeros`;
  const length = car.lengthMm === null ? ', largo sin dato' : `, ${formatMm(car.lengthMm)} de largo`;
  return `${body}${seats}${length}`;
}

/** How much the cheapest car undercuts the next cheapest. */
function priceGap(cars: readonly Car[]): number {
  const [first, second] = [...cars].sort((a, b) => a.priceCents - b.priceCents);
  return second!.priceCents - first!.priceCents;
}

/** Which car wins on each count, when they differ: what "¿cuál me conviene?" needs to hear. */
function summary(cars: readonly Car[], gap: number): string {
  const counts: [score: (car: Car) => number | null, label: string][] = [
    [(car) => -car.priceCents, 'es el más barato'],
    [(car) => car.year, 'es el más nuevo'],
    [(car) => -car.km, 'tiene menos km'],
    // The same size as "el más grande" sorts by (largo × ancho × alto), so both answers agree.
    [carVolume, 'es el más grande'],
  ];
  const wins = new Map<Car, string[]>();
  for (const [score, label] of counts) {
    const scored = cars.filter((car) => score(car) !== null);
    if (scored.length < 2) continue;
    const top = Math.max(...scored.map((car) => score(car)!));
    const winners = scored.filter((car) => score(car) === top);
    if (winners.length === 1) wins.set(winners[0]!, [...(wins.get(winners[0]!) ?? []), label]);
  }
  // Two cars of the same model ("el 312204 y el 322962") are told apart by their year, then id.
  const name = (car: Car): string => {
    const twins = cars.filter((other) => other.model === car.model);
    if (twins.length === 1) return car.model;
    return twins.filter((other) => other.year === car.year).length === 1
      ? `${car.model} ${car.year}`
      : `${car.model} (ID ${car.stockId})`;
  };
  // "¿De cuánto es la diferencia?": the cheapest says by how much it undercuts the next one.
  const byPrice = [...cars].sort((a, b) => a.priceCents - b.priceCents);
  const cheapestLabel = wins.get(byPrice[0]!)?.indexOf('es el más barato') ?? -1;
  if (gap > 0 && cheapestLabel >= 0) {
    const than = cars.length > 2 ? ` menos que el ${name(byPrice[1]!)}` : ' de diferencia';
    wins.get(byPrice[0]!)![cheapestLabel] = `es el más barato, por ${formatMXN(gap)}${than}`;
  }
  const points = [...wins].map(([car, labels]) => `el ${name(car)} ${joinSpanish(labels)}`);
  return points.length ? `En resumen: ${points.join('; ')}.` : '';
}

/** "¿Cuál me conviene, el Versa o el Aveo?": two or three cars side by side, same plan for each. */
export function compareCars(ctx: AgentContext): AgentAnswer {
  const wanted = ctx.entities.comparedCars.slice(0, MAX_COMPARED);
  const found = wanted.map((w) => ({ wanted: w, car: findCompared(ctx, w) }));
  const cars = [...new Map(found.flatMap((f) => (f.car ? [[f.car.stockId, f.car] as const] : []))).values()];
  const missing = found.filter((f) => !f.car).map((f) => f.wanted);
  const terms = planTerms(ctx);
  const plans = cars.map((car) =>
    useTool(ctx, 'financing.plan', { priceCents: car.priceCents, terms }, () => samePlan(car, terms)),
  );

  const lines: string[] = [];
  if (missing.length) lines.push(`Por ahora no tenemos ${joinSpanish(missing)} en nuestro catálogo.`);
  if (cars.length < 2) {
    lines.push(
      cars.length === 1
        ? 'Te dejo el que sí tengo para que lo veas:'
        : 'No encontré esos autos para compararlos. ¿Me dices qué modelos te interesan?',
    );
  } else {
    const down =
      terms.amount !== null
        ? `enganche de ${formatMXN(pesosToCents(terms.amount))}`
        : terms.percent !== null
          ? `enganche del ${terms.percent}%`
          : 'enganche mínimo del 10%';
    lines.push(`Te los comparo lado a lado (mensualidad a ${terms.termYears * 12} meses con ${down}):`);
  }
  cars.forEach((car, i) => {
    const plan = plans[i];
    lines.push(
      `*${i + 1}. ${carTitle(car)}* (ID ${car.stockId})`,
      `- Precio: ${formatMXN(car.priceCents)}`,
      `- Año y km: ${car.year} · ${formatKm(car.km)}`,
      `- Equipo: ${equipment(car)}`,
      `- Tamaño: ${size(car)}`,
      plan
        ? `- Con enganche de ${formatMXN(plan.downPaymentCents)}: ${formatMXN(plan.monthlyPaymentCents)} al mes`
        : '- Mensualidad: no se puede calcular con ese enganche',
    );
  });
  const gapCents =
    cars.length >= 2
      ? useTool(ctx, 'catalog.priceDifference', { stockIds: cars.map((c) => c.stockId) }, () => ({
          differenceCents: priceGap(cars),
        })).differenceCents
      : 0;
  const recap = cars.length >= 2 ? summary(cars, gapCents) : '';
  if (recap) lines.push(recap);
  lines.push('¿Cuál te late más? Te calculo el plan exacto o te agendo una prueba de manejo.');

  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: {
      compared: cars.map((car, i) => ({
        ...carFactsWithBody(car),
        monthlyPayment: plans[i] ? formatMXN(plans[i].monthlyPaymentCents) : 'sin plan',
        downPayment: plans[i] ? formatMXN(plans[i].downPaymentCents) : 'sin plan',
        months: terms.termYears * 12,
      })),
      notInCatalog: missing,
      ...(cars.length >= 2 ? { priceDifference: formatMXN(gapCents) } : {}),
    },
    profilePatch: cars.length
      ? { lastRecommended: cars.map((c) => c.stockId), carUnderDiscussion: cars[0]!.stockId }
      : {},
    phrase: true,
  };
}
