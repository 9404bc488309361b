import type { Car } from '../../tools/catalog/types.js';
import { minimumDownPayment } from '../../tools/financing.js';
import { formatMXN } from '../../tools/money.js';
import type { Agent, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carTitle } from './format.js';
import { namedCar } from './named-car.js';

/**
 * A counter-offer ("me lo dejas en 300 y me lo llevo hoy") gets a plain no: the price is the
 * catalog's, and what Kavak can offer instead. It never echoes the offered price back, so
 * nothing in the reply can read as accepting it.
 */
export const haggleAgent: Agent = {
  name: 'haggle',
  run(ctx) {
    const car = carInQuestion(ctx);
    const offered = ctx.entities.offeredPrice;
    const minimum = car
      ? useTool(ctx, 'financing.minimumDownPayment', { priceCents: car.priceCents }, () => ({
          downPaymentCents: minimumDownPayment(car.priceCents),
        })).downPaymentCents
      : null;
    const noDeal = car
      ? `El precio del ${carTitle(car)} es de ${formatMXN(car.priceCents)} y es fijo: en Kavak no negociamos el precio.`
      : 'Los precios de Kavak son fijos, los mismos que ves publicados: no negociamos el precio.';
    const financing =
      minimum !== null
        ? `financiamiento a 3–6 años con enganche desde ${formatMXN(minimum)} (10%)`
        : 'financiamiento a 3–6 años con enganche desde el 10% del precio';
    const budget = offered !== null ? ', o buscarte autos que entren en tu presupuesto' : '';
    const draft = `${noDeal} Lo que sí te puedo ofrecer: ${financing}, dejar tu auto actual a cuenta${budget}. ¿Te calculo el plan?`;
    return {
      agent: 'haggle',
      draft,
      facts: {
        priceIsFixed: true,
        car: car ? { stockId: car.stockId, title: carTitle(car), price: formatMXN(car.priceCents) } : null,
        minimumDownPayment: minimum !== null ? formatMXN(minimum) : null,
        offeredPriceDeclined: offered !== null,
      },
      profilePatch: car ? { carUnderDiscussion: car.stockId } : {},
      phrase: true,
    };
  },
};

/** The car this message names, else the one the cars agent just showed or was already discussed. */
function carInQuestion(ctx: AgentContext): Car | undefined {
  const id = ctx.profile.carUnderDiscussion;
  const byId = (stockId: string) =>
    useTool(ctx, 'catalog.byStockId', { stockId }, () => ctx.tools.catalog.byStockId(stockId));
  if (ctx.otherAgents.includes('cars') && id) return byId(id);
  return namedCar(ctx) ?? (id ? byId(id) : undefined);
}
