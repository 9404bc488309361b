import type { SalesAction } from '../intents/schema.js';
import type { Lead } from '../../store/conversation-store.js';
import type { BranchLookup } from '../../tools/knowledge/types.js';
import type { Agent, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carTitle, joinSpanish } from './format.js';

const ACTION_LABEL: Record<SalesAction, string> = {
  visit: 'una visita',
  test_drive: 'una prueba de manejo',
  reserve: 'el apartado',
  buy: 'tu compra',
  human: 'la atención de un asesor',
};

export const salesAgent: Agent = {
  name: 'sales',
  run(ctx) {
    const action: SalesAction = ctx.profile.salesAction ?? ctx.entities.salesAction ?? 'visit';
    const car = ctx.profile.carUnderDiscussion
      ? ctx.tools.catalog.byStockId(ctx.profile.carUnderDiscussion)
      : undefined;
    const named = branchNamed(ctx);
    const city = ctx.profile.city ?? named?.city ?? null;
    const lookup: BranchLookup | null = city
      ? useTool(ctx, 'knowledge.branchesIn', { city }, () => ctx.tools.knowledge.branchesIn(city))
      : null;
    const branch = lookup?.hasBranch ? chosenBranch(ctx, lookup) : null;
    const facts = {
      action,
      car: car ? { stockId: car.stockId, title: carTitle(car) } : null,
      name: ctx.profile.name,
      city: lookup?.city ?? city,
      hasBranch: lookup?.hasBranch ?? null,
      branches: lookup?.branches.map((b) => b.name) ?? [],
      branch,
      preferredTime: ctx.profile.preferredTime,
    };

    if (action === 'human') {
      const lead = leadOf(ctx, action, car?.stockId ?? null, lookup?.city ?? city, branch);
      return {
        agent: 'sales',
        draft: `Claro${ctx.profile.name ? `, ${ctx.profile.name}` : ''}. Ya pedí que un asesor de Kavak te contacte por este medio para ayudarte personalmente.`,
        facts,
        leads: [lead],
        profilePatch: { salesAction: null },
        phrase: true,
      };
    }

    const missing: string[] = [];
    if (!ctx.profile.name) missing.push('tu nombre');
    if (!car) missing.push('qué auto te interesa');
    if (!city) missing.push('en qué ciudad estás');
    else if (lookup?.hasBranch && !branch && lookup.branches.length > 1)
      missing.push(`a qué sede te queda mejor ir (${joinSpanish(lookup.branches.map((b) => b.name))})`);
    if (!ctx.profile.preferredTime) missing.push('qué día y hora te acomodan');

    if (missing.length) {
      return {
        agent: 'sales',
        draft: `¡Con gusto te ayudo con ${ACTION_LABEL[action]}${car ? ` del ${carTitle(car)}` : ''}! Para registrarla, ¿me compartes ${joinSpanish(missing.slice(0, 2))}?`,
        facts: { ...facts, missing },
        profilePatch: { salesAction: action },
        phrase: true,
      };
    }

    const place = lookup?.hasBranch
      ? `en la sede ${branch ?? lookup.branches[0]?.name ?? ''} (${lookup.city})`
      : `con entrega en tu domicilio en ${lookup?.city ?? city}`;
    const lead = leadOf(
      ctx,
      action,
      car?.stockId ?? null,
      lookup?.city ?? city,
      branch ?? lookup?.branches[0]?.name ?? null,
    );
    return {
      agent: 'sales',
      draft: `¡Listo, ${ctx.profile.name}! Registré tu solicitud de ${ACTION_LABEL[action]} del ${carTitle(car!)} (ID ${car!.stockId}) ${place}, ${ctx.profile.preferredTime}. Un asesor te confirmará por este medio.`,
      facts: { ...facts, leadRecorded: lead },
      leads: [lead],
      profilePatch: { salesAction: null, preferredTime: null },
      phrase: true,
    };
  },
};

function branchNamed(ctx: AgentContext) {
  const text = simplify(ctx.message);
  return ctx.tools.knowledge.branches.find((b) => text.includes(simplify(b.name)));
}

/** A branch named in this message ("en Antara"), if any. */
function chosenBranch(ctx: AgentContext, lookup: BranchLookup & { hasBranch: true }): string | null {
  const text = simplify(ctx.message);
  if (lookup.branches.length === 1) return lookup.branches[0]!.name;
  return lookup.branches.find((b) => text.includes(simplify(b.name)))?.name ?? null;
}

function leadOf(
  ctx: AgentContext,
  action: SalesAction,
  stockId: string | null,
  city: string | null,
  branch: string | null,
): Lead {
  return { action, name: ctx.profile.name, stockId, city, branch, preferredTime: ctx.profile.preferredTime };
}

function simplify(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
