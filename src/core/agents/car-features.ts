import type { Car, CarQuery } from '../../tools/catalog/types.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carFacts, carLine, carTitle } from './format.js';
import { shownCars } from './shown-cars.js';

/** Equipment questions about the cars shown: "¿tiene CarPlay?", "¿de esos cuáles son automáticos?". */
export type Feature = 'carplay' | 'bluetooth' | 'transmission';

/**
 * "¿Tiene CarPlay?", "¿es automático?", "¿de esos alguno con Bluetooth?": a question about the
 * car(s) already shown, not a new search.
 */
export function featureQuestion(ctx: AgentContext): { cars: Car[]; feature: Feature } | undefined {
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

export function answerFeature(
  ctx: AgentContext,
  cars: Car[],
  feature: Feature,
  searchInstead: (options: { anyModel: boolean }) => AgentAnswer,
): AgentAnswer {
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
      matching.length === cars.length
        ? `Sí, ${cars.length === 2 ? 'las dos opciones tienen' : `las ${cars.length} opciones tienen`} ${label}:`
        : `De esas opciones, con ${label}:`,
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
  const search = searchInstead({ anyModel: otherModels });
  return {
    ...search,
    draft: `De esas opciones ninguna tiene ${label} confirmado en el catálogo.\n${search.draft}`,
  };
}

/** The equipment the search required, as the customer reads it. */
export function filteredFeatures(query: CarQuery): string[] {
  const features: string[] = [];
  if (query.carplay) features.push(FEATURE_LABEL.carplay);
  if (query.bluetooth) features.push(FEATURE_LABEL.bluetooth);
  if (query.transmission)
    features.push(`transmisión ${query.transmission === 'manual' ? 'manual' : 'automática'}`);
  return features;
}
