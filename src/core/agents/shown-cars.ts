import type { Car } from '../../tools/catalog/types.js';
import type { AgentContext } from './agent.js';

/** The cars of the last list shown, in the order shown (ids the catalog no longer has dropped). */
export function shownCars(ctx: AgentContext): Car[] {
  const { catalog } = ctx.tools;
  return ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
}
