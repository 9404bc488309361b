import { searchCeiling } from './named-car.js';
import type { Car, CarQuery, CatalogSearchResult } from '../../tools/catalog/types.js';
import type { SortBy } from '../intents/schema.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { formatMXN } from '../../tools/money.js';
import { carFacts, carFeatures, carLine, carTitle, formatKm, joinSpanish } from './format.js';
import { affordabilityAnswer } from './affordability.js';
import type { secondBest } from './ordering.js';
import { capitalize, secondLines, SORT_LABEL, sizeNote } from './ordering.js';
import { shownCars } from './shown-cars.js';
import { applyBodyFilters, sameKindAsMissingModel } from './body-search.js';
import { answerCarQuestion, answerForList, carInFocus, listedCars } from './car-facts.js';
import { compareCars } from './compare-cars.js';
import { shownReferenceAnswer } from './shown-reference.js';
import { fitsSpaceAnswer } from './fits-space.js';
import { bestShownAsked, orderShown } from './order-shown.js';
import { answerFeature, featureQuestion, filteredFeatures } from './car-features.js';
import { knowledgeSentence } from './knowledge-answers.js';

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
    const ordered = orderShown(ctx, () => recommend(ctx));
    if (ordered) return ordered;
    const asked = featureQuestion(ctx);
    if (asked) return answerFeature(ctx, asked.cars, asked.feature, (o) => recommend(ctx, o));
    return recommend(ctx, { picked });
  },
};

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
  // "¿Me ayudan a conseguir una Hilux?": the knowledge base says Kavak helps look for it.
  const helpSearching = result.unknown.length ? searchHelp(ctx) : null;
  if (helpSearching) lines.push(helpSearching);
  if (ctx.entities.otherFeatures.length) {
    lines.push(
      `Nuestro catálogo no registra ${joinSpanish(ctx.entities.otherFeatures)}, así que no te lo puedo confirmar; un asesor puede revisarlo contigo.`,
    );
  }

  let shown: Car[] = result.cars;
  let sameKind: ReturnType<typeof sameKindAsMissingModel>;
  let carriedOver: Car[];
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
  } else if (
    ctx.entities.cheaper &&
    result.alternatives.relaxed.some((k) => k === 'priceMax' || k === 'model' || k === 'make')
  ) {
    // Relaxing the price would show dearer cars as if they were cheaper, and relaxing the model
    // keeps its make ("algo más barato, camioneta" after a Tiguan is not only Volkswagens): other
    // makes and models under it, or none.
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
  } else if ((carriedOver = withoutCarriedModel(ctx, query, result)).length) {
    // "¿tienen Aveo?" then "¿y algo con menos de 80 mil km y abajo de 160 mil?": what this message
    // asks outranks the model carried from before; other models that meet it, not Aveos with more km.
    shown = carriedOver.slice(0, SHOWN);
    lines.push(
      `No tengo ${query.model ?? query.make} con eso; de otros modelos, ${shown.length === 1 ? 'tengo este' : 'tengo estos'}:`,
    );
    shown.forEach((car, i) => lines.push(carLine(car, i + 1)));
    lines.push(
      `¿Te interesa ${shown.length === 1 ? 'este' : 'alguno'}? Te calculo la mensualidad o te agendo una visita.`,
    );
  } else if ((sameKind = sameKindAsMissingModel(ctx, query, result))) {
    // "¿Tienen Hilux?": the pickups in stock say more than the other Toyotas.
    shown = sameKind.result.cars;
    lines.push(`De ${sameKind.label}, ${shown.length === 1 ? 'tengo este' : 'tengo estos'}:`);
    shown.forEach((car, i) => lines.push(carLine(car, i + 1)));
    lines.push(
      `¿Te interesa ${shown.length === 1 ? 'este' : 'alguno'}? Te calculo la mensualidad o te agendo una visita.`,
    );
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
            // Nothing cheaper of what was asked, or a model not in stock asked while a visit or a
            // reservation is being arranged: the car they were weighing is still the one in focus.
            carUnderDiscussion:
              ((ctx.entities.cheaper || ctx.profile.salesAction) && result.cars.length === 0
                ? ctx.profile.carUnderDiscussion
                : null) ?? shown[0]!.stockId,
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

/** The same search with no make or model: "¿uno más barato?" when none of that model is cheaper, and the like. */
function otherModelsCheaper(ctx: AgentContext, query: CarQuery): Car[] {
  if (!query.make && !query.model) return [];
  const wider: CarQuery = { ...query };
  delete wider.make;
  delete wider.model;
  return useTool(ctx, 'catalog.search', wider, () => ctx.tools.catalog.search(wider)).cars;
}

/**
 * Nothing matches, the make or model was carried from an earlier message (this one names none) and
 * the search would have to give way on a limit this message sets: the cars that meet every limit
 * of this message, of any make and model.
 */
function withoutCarriedModel(ctx: AgentContext, query: CarQuery, result: CatalogSearchResult): Car[] {
  const e = ctx.entities;
  if (e.make || e.model || e.makeOrigin || (!query.make && !query.model)) return [];
  const setHere: (keyof CarQuery)[] = [
    ...(e.kmMax !== null ? (['kmMax'] as const) : []),
    ...(e.priceMax !== null ? (['priceMax'] as const) : []),
    ...(e.priceMin !== null ? (['priceMin'] as const) : []),
    ...(e.yearMin !== null ? (['yearMin'] as const) : []),
    ...(e.yearMax !== null ? (['yearMax'] as const) : []),
    ...(e.transmission !== null ? (['transmission'] as const) : []),
    ...(e.bluetooth === true ? (['bluetooth'] as const) : []),
    ...(e.carplay === true ? (['carplay'] as const) : []),
    ...(e.bodyTypes.length > 0 ? (['bodyTypes'] as const) : []),
    ...(e.seatsMin !== null ? (['seatsMin'] as const) : []),
  ];
  if (!result.alternatives.relaxed.some((k) => setHere.includes(k))) return [];
  return otherModelsCheaper(ctx, query);
}

/** An explicit order ("lo más barato") is a criterion too: no need to ask for a budget. */
function hasCriteria(query: CarQuery): boolean {
  return Object.keys(query).some((k) => k !== 'limit' && (k !== 'sort' || query.sort !== 'relevance'));
}

/** The same search's best car by the message's second superlative, if it has one. */
function secondOfSearch(ctx: AgentContext, query: CarQuery, first: Car): ReturnType<typeof secondBest> {
  const also = ctx.entities.alsoSortBy;
  if (!also || ctx.entities.wantsOne === false) return undefined;
  const second = { ...query, sort: also, limit: 1 };
  const best = useTool(ctx, 'catalog.search', second, () => ctx.tools.catalog.search(second)).cars[0];
  return best ? secondLines(also, best, first) : undefined;
}

/** The knowledge base's promise to look for a car not in stock, in the customer's language. */
function searchHelp(ctx: AgentContext): string | null {
  return knowledgeSentence(
    ctx,
    'si no encuentras el que buscas te ayudamos a buscarlo',
    /te ayudamos a buscarlo|we help you look for it/i,
  );
}
