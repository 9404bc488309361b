import type { Car } from '../../tools/catalog/types.js';
import type { AgentContext } from './agent.js';
import { useTool } from './agent.js';

/** The car this message names — by stock id, or make/model/year — if the catalog has it. */
export function namedCar(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  const e = ctx.entities;
  if (e.stockId)
    return useTool(ctx, 'catalog.byStockId', { stockId: e.stockId }, () => catalog.byStockId(e.stockId!));
  if (!e.make && !e.model) return undefined;
  const query = {
    ...(e.make ? { make: e.make } : {}),
    ...(e.model ? { model: e.model } : {}),
    ...(e.yearMin !== null ? { yearMin: e.yearMin } : {}),
    ...(e.yearMax !== null ? { yearMax: e.yearMax } : {}),
    limit: 1,
  };
  return useTool(ctx, 'catalog.search', query, () => catalog.search(query)).cars[0];
}
