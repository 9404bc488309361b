import type { Car, CarQuery } from '../../tools/catalog/types.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { formatMm } from './car-facts.js';
import { carFacts, carLine } from './format.js';
import { SORT_LABEL } from './ordering.js';

/** Under this much to spare, the fit is said to be tight (as car-facts says of one car). */
const TIGHT_MM = 300;

/**
 * Round 3, item 4: "mi cochera mide 4.3" then "¿qué me recomiendas que sí quepa?": cars no longer
 * than the garage (of the body type asked, if any), each with its length and what is left over.
 * In the search's usual order (or the one asked): the largest first would be the tightest fits.
 */
export function fitsSpaceAnswer(ctx: AgentContext, base: CarQuery, spaceLengthM: number): AgentAnswer {
  const spaceMm = Math.round(spaceLengthM * 1000);
  const { sortBy, wantsOne } = ctx.entities;
  // "¿cuál es el más barato que quepa?": that order, and one car when one is asked for.
  // A car asked before has one length: "¿qué me cabe?" with no car named asks for any car.
  const named = ctx.entities.make !== null || ctx.entities.model !== null;
  const query: CarQuery = {
    ...base,
    // …and the single year that came with that car ("el sentra 2019"), not a range they want.
    ...(named ? {} : { make: undefined, model: undefined }),
    ...(!named && base.yearMin !== undefined && base.yearMin === base.yearMax
      ? { yearMin: undefined, yearMax: undefined }
      : {}),
    lengthMaxMm: spaceMm,
    ...(sortBy ? { sort: sortBy } : {}),
    ...(sortBy && wantsOne === true ? { limit: 1 } : {}),
  };
  const result = useTool(ctx, 'catalog.search', query, () => ctx.tools.catalog.search(query));
  const line = (car: Car, i: number): string => {
    const spare = spaceMm - (car.lengthMm ?? 0);
    const tight = spare < TIGHT_MM ? ', muy justo' : '';
    return `${carLine(car, i + 1)} · ${formatMm(car.lengthMm ?? 0)} de largo (te sobran ${formatMm(spare)}${tight})`;
  };
  const lines: string[] = [];
  if (result.cars.length) {
    lines.push(
      sortBy && result.cars.length === 1
        ? `Para tu espacio de ${formatMm(spaceMm)} de largo, ${SORT_LABEL[sortBy].one} que cabe es:`
        : `Para tu espacio de ${formatMm(spaceMm)} de largo, estos caben:`,
    );
    result.cars.forEach((car, i) => lines.push(line(car, i)));
    lines.push(
      'Considera también espacio para abrir puertas y pasar. ¿Te interesa alguno? Te calculo la mensualidad o te agendo una visita.',
    );
  } else {
    lines.push(
      `No tengo autos con lo que buscas que midan menos de ${formatMm(spaceMm)} de largo. ¿Buscamos con otro tipo de auto o presupuesto?`,
    );
  }
  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: {
      query: result.resolved,
      spaceLengthM,
      totalMatches: result.total,
      cars: result.cars.map((car) => ({ ...carFacts(car), lengthMm: car.lengthMm })),
    },
    profilePatch: result.cars.length
      ? { lastRecommended: result.cars.map((c) => c.stockId), carUnderDiscussion: result.cars[0]!.stockId }
      : {},
    phrase: true,
  };
}
