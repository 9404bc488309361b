import { searchCeiling } from './named-car.js';
import type { Car, CarQuery, CatalogSearchResult } from '../../tools/catalog/types.js';
import type { SortBy } from '../intents/schema.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { formatMXN, pesosToCents } from '../../tools/money.js';
import { carFacts, carFeatures, carLine, carTitle, formatKm, joinSpanish } from './format.js';
import { sortCars } from '../../tools/catalog/index.js';
import { affordabilityAnswer } from './affordability.js';
import { capitalize, secondBest, secondLines, SORT_LABEL, sizeNote } from './ordering.js';
import { shownCars } from './shown-cars.js';
import { applyBodyFilters } from './body-search.js';
import { answerCarQuestion, answerForList, carInFocus, listedCars } from './car-facts.js';
import { compareCars } from './compare-cars.js';
import { shownReferenceAnswer } from './shown-reference.js';
import { fitsSpaceAnswer } from './fits-space.js';

const SHOWN = 3;

const RELAXED_LABELS: Partial<Record<keyof CarQuery, string>> = {
  kmMax: 'el kilometraje',
  makeOrigin: 'el origen de la marca',
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
    const referred = shownReferenceAnswer(ctx, describeOne);
    if (referred) return referred;
    const garage = ctx.entities.spaceLengthM ?? ctx.profile.preferences.spaceLengthM;
    if (ctx.entities.fitsSpace === true && garage !== null)
      return fitsSpaceAnswer(ctx, buildQuery(ctx), garage);
    if (ctx.entities.carQuestion.length > 0) {
      // "¿cuál es la más barata y cuántos km tiene?": the best of those shown, then the question.
      const best = bestShownAsked(ctx);
      if (best) return best;
      const focus = carInFocus(ctx);
      if (focus) return answerCarQuestion(ctx, focus);
      const listed = listedCars(ctx);
      if (listed.length > 0) return answerForList(ctx, listed);
      // "mi cochera mide 4.3" with no car on the table: the cars that fit it.
      if (ctx.entities.spaceLengthM !== null)
        return fitsSpaceAnswer(ctx, buildQuery(ctx), ctx.entities.spaceLengthM);
    }
    const picked = pickedCar(ctx);
    // "¿algo más barato que el primero?": the pick is the price to beat, not the car to show.
    if (picked && !ctx.entities.cheaper) return describeOne(picked);
    // "¿Qué me alcanza con 4 mil al mes?"; next to a financing answer, that one takes the payment.
    if (ctx.entities.monthlyPaymentTarget !== null && !ctx.otherAgents.includes('financing'))
      return affordabilityAnswer(ctx, 'cars', buildQuery(ctx));
    const ordered = orderShown(ctx);
    if (ordered) return ordered;
    const asked = featureQuestion(ctx);
    if (asked) return answerFeature(ctx, asked.cars, asked.feature);
    return recommend(ctx, { picked });
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
  const shown = shownCars(ctx);
  if (e.scope === 'shown' && shown.length) return { cars: shown, feature };
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
  // "de esos" were other models than the one asked before (a cheaper list): any model will do.
  const prefs = ctx.profile.preferences;
  const otherModels = cars.every(
    (car) => car.model !== prefs.model && (prefs.model !== null || car.make !== prefs.make),
  );
  const search = recommend(ctx, { anyModel: otherModels });
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

export function buildQuery(ctx: AgentContext): CarQuery {
  return searchQuery(ctx).query;
}

/** The search the profile asks for, and what a body type or use was read as ("para trabajo"). */
function searchQuery(ctx: AgentContext): { query: CarQuery; useNote: string | null } {
  const { preferences: prefs, budgetMin } = ctx.profile;
  const query: CarQuery = { limit: SHOWN };
  if (prefs.make) query.make = prefs.make;
  if (prefs.model) query.model = prefs.model;
  if (prefs.makeOrigin && !prefs.make) query.makeOrigin = prefs.makeOrigin;
  if (prefs.yearMin !== null) query.yearMin = prefs.yearMin;
  if (prefs.yearMax !== null) query.yearMax = prefs.yearMax;
  if (prefs.kmMax !== null) query.kmMax = prefs.kmMax;
  const ceiling = searchCeiling(ctx.profile);
  if (ceiling !== null) query.priceMax = ceiling;
  if (budgetMin !== null) query.priceMin = budgetMin;
  if (prefs.bluetooth) query.bluetooth = true;
  if (prefs.carplay) query.carplay = true;
  if (prefs.transmission) query.transmission = prefs.transmission;
  if (prefs.sortBy) query.sort = prefs.sortBy;
  const useNote = applyBodyFilters(query, prefs);
  return { query, useNote };
}

interface RecommendOptions {
  /** Search every model, not only the one being talked about. */
  anyModel?: boolean;
  /** The car the message points at, when the caller has looked it up already. */
  picked?: Car | undefined;
}

function recommend(ctx: AgentContext, options: RecommendOptions = {}): AgentAnswer {
  const { catalog } = ctx.tools;
  const { query, useNote } = searchQuery(ctx);
  // "¿Y de todo el catálogo?": not only the model being talked about.
  const anyModel = options.anyModel === true || ctx.entities.scope === 'catalog';
  if (anyModel && !ctx.entities.make && !ctx.entities.model) {
    delete query.make;
    delete query.model;
  }
  const lines: string[] = useNote ? [useNote] : [];

  const { wantsOne } = ctx.entities;
  const sortBy = ctx.entities.sortBy ?? ctx.profile.preferences.sortBy;
  if (sortBy) query.sort = sortBy;
  if (sortBy && wantsOne === true) query.limit = 1;
  if (ctx.entities.cheaper) {
    const shown = shownCars(ctx);
    const picked = 'picked' in options ? options.picked : pickedCar(ctx);
    // "¿algo parecido pero más barato?" about the car in focus, no list shown: under that car.
    const focus =
      shown.length === 0 && ctx.profile.carUnderDiscussion
        ? catalog.byStockId(ctx.profile.carUnderDiscussion)
        : undefined;
    const reference = (ctx.entities.pick !== null ? picked : undefined) ?? focus;
    if (shown.length || reference) {
      const cheapest = reference?.priceCents ?? Math.min(...shown.map((c) => c.priceCents));
      query.priceMax = Math.floor((cheapest - 1) / 100);
      query.excludeStockIds = [...shown, ...(reference ? [reference] : [])].map((c) => c.stockId);
      // Cheaper than the one car being weighed: other makes and models of its kind.
      if (reference && reference === focus && !ctx.entities.make && !ctx.entities.model) {
        delete query.make;
        delete query.model;
        if (focus.bodyType && !query.bodyTypes?.length) query.bodyTypes = [focus.bodyType];
      }
      query.sort = sortBy ?? 'price_desc';
    } else {
      query.sort = sortBy ?? 'price_asc';
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
    lines.push(intro(result.total, ctx.entities.cheaper === true, sortBy, result.cars.length));
    result.cars.forEach((car, i) => lines.push(carLine(car, i + 1) + sizeNote(car, sortBy)));
    // "la más nueva y la de menos km": the second superlative's car of the same search.
    const also = query.limit === 1 ? secondOfSearch(ctx, query, result.cars[0]!) : undefined;
    if (also) {
      lines.push(...also.lines);
      if (also.car.stockId !== result.cars[0]!.stockId) shown = [result.cars[0]!, also.car];
    }
    // "¿cuánto cuesta el MG5, trae CarPlay?": the filter answers the question; say so.
    const confirmed = filteredFeatures(query);
    if (confirmed.length)
      lines.push(`${result.cars.length === 1 ? 'Tiene' : 'Todas tienen'} ${joinSpanish(confirmed)}.`);
    // "algo económico pal trabajo" may mean a work vehicle or a cheap car to get to work: both.
    const commute = cheapCommuteCars(ctx, query, sortBy, result.cars);
    if (commute.length) {
      lines.push('Si lo quieres para moverte al trabajo, los más económicos son:');
      commute.forEach((car, i) => lines.push(carLine(car, i + 1)));
      // The last list is the one "el primero" or "de esos" points at.
      shown = commute;
    }
    lines.push(
      hasCriteria(query)
        ? `¿Te interesa ${shown.length === 1 ? 'este' : 'alguno'}? Te calculo la mensualidad o te agendo una visita.`
        : '¿Qué presupuesto tienes o qué modelo te interesa? Así te muestro opciones más a tu medida.',
    );
  } else if (ctx.entities.cheaper && result.alternatives.relaxed.includes('priceMax')) {
    // Relaxing the price would show dearer cars as if they were cheaper: other models under it, or none.
    const others = otherModelsCheaper(ctx, query);
    shown = others.slice(0, SHOWN);
    if (shown.length) {
      lines.push(`No tengo otro ${query.model ?? query.make} más barato; de otros modelos, más económicos:`);
      shown.forEach((car, i) => lines.push(carLine(car, i + 1)));
      lines.push('¿Alguno te sirve?');
    } else {
      lines.push(
        'Los que te mostré ya son los más económicos que tengo con lo que buscas. Si quieres, te calculo la mensualidad de alguno o buscamos con otro modelo o año.',
      );
    }
  } else if (result.alternatives.cars.length) {
    const relaxed = [...new Set(result.alternatives.relaxed.map((k) => RELAXED_LABELS[k] ?? String(k)))];
    shown = result.alternatives.cars.slice(0, SHOWN);
    lines.push(
      ctx.entities.cheaper
        ? `No tengo opciones más baratas con esas características. Ajustando ${joinSpanish(relaxed)}, lo más cercano es:`
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
    profilePatch: {
      // "más barato que esos" stays the ceiling: "¿y de esos alguno con CarPlay?" searches under it.
      ...(ctx.entities.cheaper && query.priceMax !== undefined
        ? { preferences: { ...ctx.profile.preferences, priceCeiling: query.priceMax } }
        : {}),
      ...(shown.length
        ? {
            lastRecommended: shown.map((c) => c.stockId),
            // Nothing cheaper of what was asked: the car they were weighing is still the one in focus.
            carUnderDiscussion:
              (ctx.entities.cheaper && result.cars.length === 0 ? ctx.profile.carUnderDiscussion : null) ??
              shown[0]!.stockId,
          }
        : {}),
    },
    phrase: true,
  };
}

function intro(total: number, cheaper: boolean, sortBy: SortBy | null, shown: number): string {
  if (cheaper)
    return total === 1 ? 'Encontré una opción más económica:' : 'Estas opciones son más económicas:';
  if (sortBy && shown === 1) return `${capitalize(SORT_LABEL[sortBy].one)} que tengo con lo que buscas es:`;
  if (sortBy)
    return total > shown
      ? `Tengo ${total} opciones; te comparto ${SORT_LABEL[sortBy].many}:`
      : `Tengo ${total} opciones, ${SORT_LABEL[sortBy].many} primero:`;
  if (total === 1) return 'Encontré esta opción en nuestro catálogo:';
  return total > SHOWN
    ? `Tengo ${total} opciones; te comparto las mejores:`
    : `Tengo ${total} opciones para ti:`;
}

/** The cheapest cars of any body type, when a cheap car was asked "para trabajo" (read as pickups and vans). */
function cheapCommuteCars(ctx: AgentContext, query: CarQuery, sortBy: SortBy | null, listed: Car[]): Car[] {
  const prefs = ctx.profile.preferences;
  if (prefs.carUse !== 'work' || prefs.bodyTypes.length > 0 || sortBy !== 'price_asc') return [];
  const anyBody: CarQuery = { ...query, limit: SHOWN + listed.length };
  delete anyBody.bodyTypes;
  delete anyBody.seatsMin;
  const cars = useTool(ctx, 'catalog.search', anyBody, () => ctx.tools.catalog.search(anyBody)).cars;
  return cars.filter((car) => !listed.some((l) => l.stockId === car.stockId)).slice(0, SHOWN);
}

/** "¿Uno más barato?" when no cheaper car of that make or model exists: the same price bound, any model. */
function otherModelsCheaper(ctx: AgentContext, query: CarQuery): Car[] {
  if (!query.make && !query.model) return [];
  const wider: CarQuery = { ...query };
  delete wider.make;
  delete wider.model;
  return useTool(ctx, 'catalog.search', wider, () => ctx.tools.catalog.search(wider)).cars;
}

/** An explicit order ("lo más barato") is a criterion too: no need to ask for a budget. */
function hasCriteria(query: CarQuery): boolean {
  return Object.keys(query).some((k) => k !== 'limit' && (k !== 'sort' || query.sort !== 'relevance'));
}

/**
 * A superlative with a question about the car it names, right after a list or a comparison: the
 * list is what "la más barata" ranks, unless a make or model asks for a new search.
 */
function bestShownAsked(ctx: AgentContext): AgentAnswer | undefined {
  const { sortBy, scope, wantsOne, make, model } = ctx.entities;
  const shown = shownCars(ctx);
  const amongShown = scope === 'shown' || (scope === null && shown.length > 1 && !make && !model);
  if (!sortBy || wantsOne === false || !amongShown || shown.length === 0) return undefined;
  const [best] = useTool(ctx, 'catalog.sort', { stockIds: shown.map((c) => c.stockId), sortBy }, () =>
    sortCars(shown, sortBy),
  );
  if (!best) return undefined;
  const answer = answerCarQuestion(ctx, best);
  return {
    ...answer,
    draft: `De los que te mostré, ${SORT_LABEL[sortBy].one} es el ${carTitle(best)}.\n${answer.draft}`,
    facts: { ...answer.facts, sortBy, comparedWith: shown.map((c) => c.stockId) },
  };
}

/**
 * "¿Y el más baratito de esos?", "ordénamelos por kilometraje": the cars just shown, picked or
 * re-ordered by what was asked (and by a feature asked with it), without a new search.
 */
function orderShown(ctx: AgentContext): AgentAnswer | undefined {
  const { sortBy, scope, wantsOne } = ctx.entities;
  const shown = shownCars(ctx);
  if (!sortBy || scope !== 'shown' || shown.length === 0) return undefined;
  // "de esos, ¿cuál es el hatchback más nuevo?": only those the catalog says are one.
  const eligible = shown.filter((car) => fitsAsked(car, ctx.entities));
  const sorted = useTool(ctx, 'catalog.sort', { stockIds: eligible.map((c) => c.stockId), sortBy }, () =>
    sortCars(eligible, sortBy),
  );
  const label = SORT_LABEL[sortBy];
  const best = sorted[0];
  if (!best) {
    const search = recommend(ctx);
    return { ...search, draft: `De los que te mostré, ninguno tiene eso confirmado.\n${search.draft}` };
  }
  if (wantsOne !== false) {
    const also = secondBest(ctx, eligible, best);
    const lines = [
      `De los que te mostré, ${label.one} es:`,
      carLine(best) + sizeNote(best, sortBy),
      ...(also?.lines ?? []),
      // "¿cuál es más grande?" of two or three: the others' measures beside it, to compare.
      ...(sizeNote(best, sortBy) && sorted.length <= 3 && sorted.length > 1
        ? ['Para comparar:', ...sorted.slice(1).map((car) => `${carTitle(car)}${sizeNote(car, sortBy)}`)]
        : []),
      '¿Quieres que te calcule la mensualidad o agendamos una prueba de manejo?',
    ];
    return {
      agent: 'cars',
      draft: lines.join('\n'),
      facts: {
        sortBy,
        scope,
        car: carFacts(best),
        ...(also ? { alsoSortBy: ctx.entities.alsoSortBy, alsoCar: carFacts(also.car) } : {}),
        comparedWith: sorted.map((c) => c.stockId),
      },
      profilePatch: { carUnderDiscussion: best.stockId },
      phrase: true,
    };
  }
  const lines = [
    `Los que te mostré, ${label.many} primero:`,
    ...sorted.map((car, i) => carLine(car, i + 1) + sizeNote(car, sortBy)),
    '¿Te interesa alguno?',
  ];
  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: { sortBy, scope, cars: sorted.map(carFacts) },
    profilePatch: { lastRecommended: sorted.map((c) => c.stockId), carUnderDiscussion: best.stockId },
    phrase: true,
  };
}

/** The same search's best car by the message's second superlative, if it has one. */
function secondOfSearch(ctx: AgentContext, query: CarQuery, first: Car): ReturnType<typeof secondBest> {
  const also = ctx.entities.alsoSortBy;
  if (!also || ctx.entities.wantsOne === false) return undefined;
  const second = { ...query, sort: also, limit: 1 };
  const best = useTool(ctx, 'catalog.search', second, () => ctx.tools.catalog.search(second)).cars[0];
  return best ? secondLines(also, best, first) : undefined;
}

/** The equipment the search required, as the customer reads it. */
function filteredFeatures(query: CarQuery): string[] {
  const features: string[] = [];
  if (query.carplay) features.push(FEATURE_LABEL.carplay);
  if (query.bluetooth) features.push(FEATURE_LABEL.bluetooth);
  if (query.transmission)
    features.push(`transmisión ${query.transmission === 'manual' ? 'manual' : 'automática'}`);
  return features;
}

/** A shown car meets what this message asks of it (features, body type, year, price, km). */
function fitsAsked(car: Car, e: AgentContext['entities']): boolean {
  return (
    (e.carplay !== true || car.carplay === true) &&
    (e.bluetooth !== true || car.bluetooth === true) &&
    (e.transmission === null || car.transmission === e.transmission) &&
    (e.bodyTypes.length === 0 || (car.bodyType !== null && e.bodyTypes.includes(car.bodyType))) &&
    (e.seatsMin === null || (car.seats !== null && car.seats >= e.seatsMin)) &&
    (e.yearMin === null || car.year >= e.yearMin) &&
    (e.yearMax === null || car.year <= e.yearMax) &&
    (e.priceMax === null || car.priceCents <= pesosToCents(e.priceMax)) &&
    (e.kmMax === null || car.km <= e.kmMax)
  );
}
