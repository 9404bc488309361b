import type { SortBy } from '../intents/schema.js';
import type { Car } from '../../tools/catalog/types.js';
import { carVolume, sortCars } from '../../tools/catalog/index.js';
import type { AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carLine } from './format.js';

/** How each ordering is said: for one car ("el más económico") and for a list. */
export const SORT_LABEL: Record<SortBy, { one: string; many: string }> = {
  price_asc: { one: 'el más económico', many: 'los más económicos' },
  price_desc: { one: 'el de mayor precio', many: 'los de mayor precio' },
  year_desc: { one: 'el más reciente', many: 'los más recientes' },
  year_asc: { one: 'el de año más antiguo', many: 'los de año más antiguo' },
  km_asc: { one: 'el de menos kilometraje', many: 'los de menos kilometraje' },
  km_desc: { one: 'el de más kilometraje', many: 'los de más kilometraje' },
  size_desc: { one: 'el más grande', many: 'los más grandes' },
  size_asc: { one: 'el más compacto', many: 'los más compactos' },
};

/** To the millimetre: two cars a centimetre apart must not read the same. */
const metres = (mm: number): string => (mm / 1000).toFixed(3);

/** " · 4.80 × 1.94 × 1.71 m (largo × ancho × alto)": what makes a car bigger, from the CSV. */
export function sizeNote(car: Car, sortBy: SortBy | null): string {
  if (sortBy !== 'size_desc' && sortBy !== 'size_asc') return '';
  if (carVolume(car) === null) return ' · medidas sin dato';
  return ` · ${metres(car.lengthMm!)} × ${metres(car.widthMm!)} × ${metres(car.heightMm!)} m (largo × ancho × alto)`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "la más nueva y la de menos km": the car the message's second superlative picks out of `cars`,
 * as the lines that follow the first one's car. Undefined when there is no second superlative.
 */
export function secondBest(
  ctx: AgentContext,
  cars: readonly Car[],
  first: Car,
): { lines: string[]; car: Car } | undefined {
  const also = ctx.entities.alsoSortBy;
  if (!also || ctx.entities.wantsOne === false || cars.length === 0) return undefined;
  const stockIds = cars.map((c) => c.stockId);
  const best = useTool(ctx, 'catalog.sort', { stockIds, sortBy: also }, () => sortCars(cars, also))[0]!;
  return secondLines(also, best, first);
}

/** The lines that give the second superlative's car after the first one's. */
export function secondLines(sortBy: SortBy, best: Car, first: Car): { lines: string[]; car: Car } {
  const label = SORT_LABEL[sortBy].one;
  if (best.stockId === first.stockId) return { lines: [`Y también es ${label}.`], car: best };
  return { lines: [`Y ${label} es:`, carLine(best) + sizeNote(best, sortBy)], car: best };
}
