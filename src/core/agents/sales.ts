import type { SalesAction } from '../intents/schema.js';
import type { Lead } from '../ports/conversations.js';
import type { Car } from '../../tools/catalog/types.js';
import type { BranchLookup } from '../../tools/knowledge/types.js';
import type { Agent, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carTitle, joinSpanish } from './format.js';
import { branchCities } from './knowledge-answers.js';
import { namedCar } from './named-car.js';

const RESERVE_TERMS =
  'El monto y la vigencia del apartado no los tengo publicados: un asesor de Kavak te los confirma al registrar tu solicitud.';

const ACTION_LABEL: Record<SalesAction, string> = {
  visit: 'una visita',
  test_drive: 'una prueba de manejo',
  reserve: 'el apartado',
  buy: 'tu compra',
  human: 'la atención de un asesor',
};

const DIGITAL =
  'puedes comprar 100% en línea: videollamada con un asesor y entrega o prueba de manejo en tu domicilio';

/**
 * Moves toward a visit, test drive or reservation: gathers name, car, city or branch and a
 * time over as many turns as it takes, then records a lead and hands off to an advisor.
 */
export const salesAgent: Agent = {
  name: 'sales',
  run(ctx) {
    const action: SalesAction = ctx.profile.salesAction ?? ctx.entities.salesAction ?? 'visit';
    const car = carForSale(ctx);
    const asked = ctx.entities.branch;
    const named = asked
      ? useTool(ctx, 'knowledge.branchNamed', { name: asked }, () => ctx.tools.knowledge.branchNamed(asked))
      : undefined;
    // The branch named now says the city, even over an older one ("soy de Puebla… mejor en Antara").
    const city = named?.city ?? ctx.profile.city ?? null;
    const atHome = ctx.profile.homeDelivery === true && !named;
    const lookup: BranchLookup | null = city
      ? useTool(ctx, 'knowledge.branchesIn', { city }, () => ctx.tools.knowledge.branchesIn(city))
      : null;
    const branch =
      lookup?.hasBranch && !atHome
        ? (lookup.branches.find((b) => b.name === (named?.name ?? ctx.profile.branch))?.name ??
          (lookup.branches.length === 1 ? lookup.branches[0]!.name : null))
        : null;
    const place = lookup?.city ?? city;
    const name = ctx.profile.name;
    const patch = {
      carUnderDiscussion: car?.stockId ?? ctx.profile.carUnderDiscussion,
      branch,
      ...(named ? { city: named.city, homeDelivery: false } : {}),
    };
    const facts = {
      action,
      car: car ? { stockId: car.stockId, title: carTitle(car) } : null,
      name,
      city: place,
      hasBranch: lookup?.hasBranch ?? null,
      branches: lookup?.branches.map((b) => b.name) ?? [],
      branch,
      preferredTime: ctx.profile.preferredTime,
      homeDelivery: atHome,
    };
    const lead = (): Lead => ({
      action,
      name,
      stockId: car?.stockId ?? null,
      city: place,
      branch,
      preferredTime: ctx.profile.preferredTime,
    });

    if (action === 'human') {
      return {
        agent: 'sales',
        draft: `Claro${name ? `, ${name}` : ''}. Ya pedí que un asesor de Kavak te contacte por este medio para ayudarte personalmente.`,
        facts,
        leads: [lead()],
        profilePatch: { ...patch, salesAction: null },
        phrase: true,
      };
    }

    const lines: string[] = [];
    // "¿La puedo ver en Guadalajara o me la llevan?": both, the city's branches and home delivery.
    if (ctx.entities.homeDelivery && ctx.entities.city && lookup?.hasBranch)
      lines.push(
        `Sí, las dos: en ${lookup.city} puedes verlo en ${joinSpanish(lookup.branches.map((b) => b.name))}, y también ${DIGITAL}.`,
      );
    else if (ctx.entities.homeDelivery) lines.push(`Sí, ${DIGITAL}.`);
    else if (lookup && !lookup.hasBranch) {
      lines.push(
        `En ${lookup.city} no tenemos sede, pero ${DIGITAL}. Si prefieres ir en persona, nuestras sedes están en ${joinSpanish(branchCities(ctx))}.`,
      );
    }

    const missing: string[] = [];
    if (!name) missing.push('tu nombre');
    if (!car) missing.push('qué auto te interesa');
    if (!city) missing.push('en qué ciudad estás');
    else if (lookup?.hasBranch && !branch && !atHome) {
      missing.push(`a qué sede te queda mejor ir (${joinSpanish(lookup.branches.map((b) => b.name))})`);
    }
    if (!ctx.profile.preferredTime) missing.push('qué día y hora te acomodan');

    if (missing.length) {
      const what = [
        ACTION_LABEL[action],
        car ? `del ${carTitle(car)} (ID ${car.stockId})` : '',
        branch ? `en la sede ${branch}${place ? ` (${place})` : ''}` : '',
        atHome ? (action === 'buy' ? 'con entrega en tu domicilio' : 'en tu domicilio') : '',
        ctx.profile.preferredTime ?? '',
      ]
        .filter(Boolean)
        .join(' ');
      const opener = name
        ? `¡Gracias, ${name}! Con gusto te ayudo con ${what}.`
        : `¡Con gusto te ayudo con ${what}!`;
      // "La quiero apartar, ¿cómo le hago?": the knowledge base says nothing of a deposit's amount
      // or how long it holds the car, so the answer to the ask says who does.
      const terms = ctx.entities.salesAction === 'reserve' ? ` ${RESERVE_TERMS}` : '';
      lines.push(`${opener}${terms} Para registrarlo, ¿me compartes ${joinSpanish(missing.slice(0, 2))}?`);
      return {
        agent: 'sales',
        draft: lines.join('\n\n'),
        facts: { ...facts, missing },
        profilePatch: { ...patch, salesAction: action },
        phrase: true,
      };
    }

    const where =
      lookup?.hasBranch && !atHome
        ? `en la sede ${branch} (${lookup.city})`
        : `con entrega en tu domicilio en ${place}`;
    lines.push(
      `¡Listo, ${name}! Registré tu solicitud de ${ACTION_LABEL[action]} del ${carTitle(car!)} (ID ${car!.stockId}) ${where}, ${ctx.profile.preferredTime}. Un asesor de Kavak te confirmará por este medio.`,
    );
    return {
      agent: 'sales',
      draft: lines.join('\n\n'),
      facts: { ...facts, leadRecorded: lead() },
      leads: [lead()],
      profilePatch: { ...patch, salesAction: null, preferredTime: null },
      phrase: true,
    };
  },
};

/** The car named in this message ("quiero apartar el HR-V"), else the one under discussion. */
function carForSale(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  // The cars agent just picked the best match for this very message: that is the car.
  if (ctx.otherAgents.includes('cars') && ctx.profile.carUnderDiscussion)
    return catalog.byStockId(ctx.profile.carUnderDiscussion);
  const id = ctx.profile.carUnderDiscussion;
  return namedCar(ctx) ?? (id ? catalog.byStockId(id) : undefined);
}
