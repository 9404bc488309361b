import type { Car, CarQuery, CatalogSearchResult } from '../../tools/catalog/types.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { formatMXN } from '../../tools/money.js';
import { carFacts, carFeatures, carLine, carTitle, formatKm, joinSpanish } from './format.js';
import { fold } from '../../tools/text/normalize.js';
import { applyBodyFilters } from './body-search.js';
import { answerCarQuestion, answerForList, carInFocus, listedCars } from './car-facts.js';
import { compareCars } from './compare-cars.js';

const SHOWN = 3;

const RELAXED_LABELS: Partial<Record<keyof CarQuery, string>> = {
  kmMax: 'el kilometraje',
  yearMin: 'el año',
  yearMax: 'el año',
  priceMax: 'el presupuesto',
  priceMin: 'el precio mínimo',
  model: 'el modelo',
  make: 'la marca',
  bluetooth: 'Bluetooth',
  carplay: 'CarPlay',
  transmission: 'la transmisión',
  bodyTypes: 'el tipo de auto',
  seatsMin: 'el número de pasajeros',
};

export const carsAgent: Agent = {
  name: 'cars',
  run(ctx) {
    if (ctx.entities.comparedCars.length >= 2) return compareCars(ctx);
    if (ctx.entities.carQuestion.length > 0) {
      const focus = carInFocus(ctx);
      if (focus) return answerCarQuestion(ctx, focus);
      const listed = listedCars(ctx);
      if (listed.length > 0) return answerForList(ctx, listed);
    }
    const picked = pickedCar(ctx);
    if (picked) return describeOne(picked);
    const asked = featureQuestion(ctx);
    if (asked) return answerFeature(ctx, asked.cars, asked.feature);
    return recommend(ctx);
  },
};

type Feature = 'carplay' | 'bluetooth' | 'transmission';

/**
 * "¿Tiene CarPlay?", "¿es automático?", "¿de esos alguno con Bluetooth?": a question about the
 * car(s) already shown, not a new search.
 */
function featureQuestion(ctx: AgentContext): { cars: Car[]; feature: Feature } | undefined {
  const e = ctx.entities;
  const feature: Feature | null =
    e.carplay !== null
      ? 'carplay'
      : e.bluetooth !== null
        ? 'bluetooth'
        : e.transmission !== null
          ? 'transmission'
          : null;
  const newSearch =
    e.make ||
    e.model ||
    e.priceMax !== null ||
    e.priceMin !== null ||
    e.yearMin !== null ||
    e.kmMax !== null ||
    e.cheaper;
  if (!feature || newSearch) return undefined;
  const text = fold(ctx.message);
  const { catalog } = ctx.tools;
  const shown = ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
  if (/\b(de esos|de ellos|de estos|alguno|cual de)\b/.test(text) && shown.length)
    return { cars: shown, feature };
  // A question about the one car in focus is carQuestion's (car-facts.ts), not a filter.
  return undefined;
}

const FEATURE_LABEL: Record<Feature, string> = {
  carplay: 'CarPlay',
  bluetooth: 'Bluetooth',
  transmission: 'transmisión',
};

function answerFeature(ctx: AgentContext, cars: Car[], feature: Feature): AgentAnswer {
  const wanted = ctx.entities.transmission;
  const has = (car: Car) =>
    feature === 'transmission' ? car.transmission === wanted : car[feature] === true;
  useTool(ctx, 'catalog.features', { stockIds: cars.map((c) => c.stockId), feature }, () =>
    cars.map(carFacts),
  );
  const label =
    feature === 'transmission'
      ? `transmisión ${wanted === 'manual' ? 'manual' : 'automática'}`
      : FEATURE_LABEL[feature];

  if (cars.length === 1) {
    const car = cars[0]!;
    const value = car[feature];
    const sentence =
      value === null
        ? `No tengo el dato de ${FEATURE_LABEL[feature]} del ${carTitle(car)} en el catálogo; un asesor te lo puede confirmar.`
        : feature === 'transmission'
          ? `El ${carTitle(car)} es de transmisión ${value === 'automatic' ? 'automática' : 'manual'}.`
          : `Sí, el ${carTitle(car)} tiene ${FEATURE_LABEL[feature]}.`;
    return {
      agent: 'cars',
      draft: `${sentence}\n¿Quieres que te calcule la mensualidad o agendamos una prueba de manejo?`,
      facts: { car: carFacts(car), feature },
      phrase: true,
    };
  }

  // "¿De esos cuáles son automáticos?": only the ones the catalog confirms; else a new search.
  const matching = cars.filter(has);
  if (matching.length) {
    const lines = [
      `De esas opciones, con ${label}:`,
      ...matching.map((car, i) => carLine(car, i + 1)),
      '¿Te interesa alguno?',
    ];
    return {
      agent: 'cars',
      draft: lines.join('\n'),
      facts: { cars: matching.map(carFacts), feature },
      profilePatch: {
        lastRecommended: matching.map((c) => c.stockId),
        carUnderDiscussion: matching[0]!.stockId,
      },
      phrase: true,
    };
  }
  const search = recommend(ctx);
  return {
    ...search,
    draft: `De esas opciones ninguna tiene ${label} confirmado en el catálogo.\n${search.draft}`,
  };
}

/** "el segundo", or a stock id: the customer points at one car. */
function pickedCar(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  const { pick, stockId } = ctx.entities;
  if (stockId) return useTool(ctx, 'catalog.byStockId', { stockId }, () => catalog.byStockId(stockId));
  if (pick !== null && !ctx.entities.make && !ctx.entities.model) {
    const id = ctx.profile.lastRecommended.at(pick === -1 ? -1 : pick - 1);
    if (id) return useTool(ctx, 'catalog.byStockId', { stockId: id }, () => catalog.byStockId(id));
  }
  return undefined;
}

function describeOne(car: Car): AgentAnswer {
  const features = carFeatures(car);
  const draft = [
    `Este es el ${carTitle(car)}:`,
    `- Kilometraje: ${formatKm(car.km)}`,
    `- Precio: ${formatMXN(car.priceCents)} (ID ${car.stockId})`,
    features ? `- Equipo: ${features}` : '',
    `¿Quieres que te calcule la mensualidad o prefieres agendar una prueba de manejo?`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    agent: 'cars',
    draft,
    facts: { car: carFacts(car) },
    profilePatch: { carUnderDiscussion: car.stockId },
    phrase: true,
  };
}

function buildQuery(ctx: AgentContext): { query: CarQuery; useNote: string | null } {
  const { preferences: prefs, budgetMax, budgetMin } = ctx.profile;
  const query: CarQuery = { limit: SHOWN };
  if (prefs.make) query.make = prefs.make;
  if (prefs.model) query.model = prefs.model;
  if (prefs.yearMin !== null) query.yearMin = prefs.yearMin;
  if (prefs.yearMax !== null) query.yearMax = prefs.yearMax;
  if (prefs.kmMax !== null) query.kmMax = prefs.kmMax;
  if (budgetMax !== null) query.priceMax = budgetMax;
  if (budgetMin !== null) query.priceMin = budgetMin;
  if (prefs.bluetooth) query.bluetooth = true;
  if (prefs.carplay) query.carplay = true;
  if (prefs.transmission) query.transmission = prefs.transmission;
  const useNote = applyBodyFilters(query, prefs);
  return { query, useNote };
}

function recommend(ctx: AgentContext): AgentAnswer {
  const { catalog } = ctx.tools;
  const { query, useNote } = buildQuery(ctx);
  const lines: string[] = useNote ? [useNote] : [];

  if (ctx.entities.cheaper) {
    const shown = ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
    if (shown.length) {
      const cheapest = Math.min(...shown.map((c) => c.priceCents));
      query.priceMax = Math.floor((cheapest - 1) / 100);
      query.excludeStockIds = shown.map((c) => c.stockId);
      query.sort = 'price_desc';
    } else {
      query.sort = 'price_asc';
    }
  }

  const result: CatalogSearchResult = useTool(ctx, 'catalog.search', query, () => catalog.search(query));
  for (const fix of result.didYouMean) lines.push(`(Entendí ${fix.suggestion} por “${fix.input}”.)`);
  for (const missing of result.unknown)
    lines.push(`Por ahora no tenemos ${missing.input} en nuestro catálogo.`);
  if (ctx.entities.otherFeatures.length) {
    lines.push(
      `Nuestro catálogo no registra ${joinSpanish(ctx.entities.otherFeatures)}, así que no te lo puedo confirmar; un asesor puede revisarlo contigo.`,
    );
  }

  let shown: Car[] = result.cars;
  if (result.cars.length) {
    lines.push(intro(result.total, ctx.entities.cheaper === true));
    result.cars.forEach((car, i) => lines.push(carLine(car, i + 1)));
    lines.push(
      hasCriteria(query)
        ? `¿Te interesa ${result.cars.length === 1 ? 'este' : 'alguno'}? Te calculo la mensualidad o te agendo una visita.`
        : '¿Qué presupuesto tienes o qué modelo te interesa? Así te muestro opciones más a tu medida.',
    );
  } else if (result.alternatives.cars.length) {
    const relaxed = [...new Set(result.alternatives.relaxed.map((k) => RELAXED_LABELS[k] ?? String(k)))];
    shown = result.alternatives.cars.slice(0, SHOWN);
    lines.push(
      ctx.entities.cheaper
        ? 'No tengo opciones más baratas con esas características. Lo más cercano:'
        : `No encontré autos con todo lo que pides. Ajustando ${joinSpanish(relaxed)}, lo más cercano es:`,
    );
    shown.forEach((car, i) => lines.push(carLine(car, i + 1)));
    lines.push('¿Alguno te sirve o buscamos con otros datos?');
  } else {
    shown = [];
    lines.push('No encontré autos con esos datos. ¿Buscamos con otro presupuesto, año o modelo?');
  }

  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: {
      query: result.resolved,
      totalMatches: result.total,
      cars: result.cars.map(carFacts),
      alternatives: result.cars.length ? [] : shown.map(carFacts),
      relaxed: result.alternatives.relaxed,
      didYouMean: result.didYouMean,
      notInCatalog: result.unknown,
      featuresWithoutData: ctx.entities.otherFeatures,
    },
    profilePatch: shown.length
      ? { lastRecommended: shown.map((c) => c.stockId), carUnderDiscussion: shown[0]!.stockId }
      : {},
    phrase: true,
  };
}

function intro(total: number, cheaper: boolean): string {
  if (cheaper)
    return total === 1 ? 'Encontré una opción más económica:' : 'Estas opciones son más económicas:';
  if (total === 1) return 'Encontré esta opción en nuestro catálogo:';
  return total > SHOWN
    ? `Tengo ${total} opciones; te comparto las mejores:`
    : `Tengo ${total} opciones para ti:`;
}

function hasCriteria(query: CarQuery): boolean {
  return Object.keys(query).some((k) => k !== 'limit' && k !== 'sort');
}
