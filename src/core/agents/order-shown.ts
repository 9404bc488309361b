import { sortCars } from '../../tools/catalog/index.js';
import type { Car } from '../../tools/catalog/types.js';
import { pesosToCents } from '../../tools/money.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { answerCarQuestion } from './car-facts.js';
import { carFacts, carLine, carTitle } from './format.js';
import { secondBest, SORT_LABEL, sizeNote } from './ordering.js';
import { shownCars } from './shown-cars.js';

/**
 * A superlative with a question about the car it names, right after a list or a comparison: the
 * list is what "la más barata" ranks, unless a make or model asks for a new search.
 */
export function bestShownAsked(ctx: AgentContext): AgentAnswer | undefined {
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
export function orderShown(ctx: AgentContext, searchInstead: () => AgentAnswer): AgentAnswer | undefined {
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
    const search = searchInstead();
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
