import type { Catalog } from '../tools/catalog/types.js';
import type { Lead } from './ports/conversations.js';
import type { AgentAnswer, AgentContext } from './agents/agent.js';
import { phraseAnswer } from './agents/phrase.js';
import { AGENT_FOR_INTENT, AGENTS, PHASES } from './agents/registry.js';
import { composeReply } from './compose-reply.js';
import type { Intent } from './intents/schema.js';
import { describesCarWanted } from './intents/describes-car-wanted.js';
import { combineEntities } from './profile-update.js';
import type { Profile } from './profile.js';
import type { AgentName } from './tasks.js';
import type { TurnContext } from './turn-context.js';

export interface OrchestratedReply {
  reply: string;
  profile: Profile;
  leads: Lead[];
  agents: AgentName[];
}

/** Runs one agent per intent, phase by phase, and combines their answers into one reply. */
export async function orchestrate(ctx: TurnContext, intents: Intent[]): Promise<OrchestratedReply> {
  const byAgent = new Map<AgentName, Intent>();
  for (const intent of intents) {
    const agent = AGENT_FOR_INTENT[intent.type];
    if (!byAgent.has(agent)) byAgent.set(agent, intent);
  }
  // A visit being arranged: a message that answers what the sales agent asked ("soy Ana, en
  // Puebla", "el sábado") keeps the sale going even when it reads as another intent.
  const combined = combineEntities(intents);
  if (ctx.profile.salesAction && !byAgent.has('sales') && answersSalesQuestion(combined, ctx.tools.catalog)) {
    byAgent.set('sales', { type: 'sales', confidence: 0.5, entities: combined });
    // "El Versa 2020" answers "¿qué auto te interesa?": the sales agent takes that car, no new search.
    // A question about the car ("¿y de qué año es?") is still answered.
    // "¿Tienen Hilux o Tacoma?" asks what is in stock: the cars agent answers that.
    // "Soy Ana, de Puebla" after such a detour describes no car: no search is repeated.
    if (!namesCarsToShow(combined) && combined.carQuestion.length === 0) byAgent.delete('cars');
    else if (
      (combined.model || combined.stockId || combined.pick !== null) &&
      combined.carQuestion.length === 0 &&
      combined.comparedCars.length < 2
    )
      byAgent.delete('cars');
  }
  // "¿Y cuánto cuesta?" / "¿y si ya le metí 400 km?" right after an answer about Kavak: a
  // follow-up to that topic, whatever the words alone suggest.
  let followUpTopic: string | null = null;
  // The intents model flags the follow-up (a real one may still label it by its words alone).
  if (
    combined.followUp === true &&
    ctx.profile.lastAgents.includes('kavak_info') &&
    !byAgent.has('kavak_info') &&
    !describesCarWanted(combined)
  ) {
    followUpTopic = [...ctx.history].reverse().find((t) => t.role === 'customer')?.text ?? null;
    if (followUpTopic) {
      byAgent.clear();
      byAgent.set('kavak_info', { type: 'kavak_info', confidence: 0.5, entities: combined });
    }
  }
  // "¿A qué hora abre Antara?" names a branch like a visit request does, but asks for information.
  if (asksHours(intents) && byAgent.has('sales') && !byAgent.has('kavak_info')) {
    byAgent.set('kavak_info', { ...byAgent.get('sales')!, type: 'kavak_info' });
    byAgent.delete('sales');
  }
  // "¿Me lo pueden llevar a mi casa?" while a visit is being arranged: the sales agent says yes and
  // goes on with the lead; a separate knowledge answer would say the same thing twice.
  const info = byAgent.get('kavak_info');
  if (byAgent.has('sales') && info?.entities.infoTopic === 'delivery' && combined.homeDelivery) {
    byAgent.delete('kavak_info');
  }
  // The fallback speaks only when nothing else can: "hola, dame un descuento" still greets.
  if (
    byAgent.size > 1 &&
    byAgent.has('fallback') &&
    [...byAgent.keys()].some((a) => a !== 'fallback' && a !== 'greeting')
  ) {
    byAgent.delete('fallback');
  }

  // "Me lo dejas en 300 y me lo llevo hoy" buys only at the customer's price: answering the
  // purchase would read as accepting it, so the haggle answer speaks alone.
  const action = byAgent.get('sales')?.entities.salesAction ?? combined.salesAction;
  if (byAgent.has('haggle') && byAgent.has('sales') && (action === 'buy' || action === 'reserve')) {
    byAgent.delete('sales');
  }

  const entities = followUpTopic ? { ...combined, topic: `${followUpTopic} ${ctx.message}` } : combined;
  let profile = ctx.profile;
  const parts: { agent: AgentName; text: string }[] = [];
  const leads: Lead[] = [];

  for (const phase of PHASES) {
    const names = phase.filter((name) => byAgent.has(name));
    const answers = await Promise.all(
      names.map((name) =>
        runAgent({ ...ctx, profile }, name, byAgent.get(name)!, entities, [...byAgent.keys()]),
      ),
    );
    for (const { answer, text } of answers) {
      parts.push({ agent: answer.agent, text });
      leads.push(...(answer.leads ?? []));
      profile = { ...profile, ...answer.profilePatch };
    }
  }
  profile = { ...profile, lastAgents: [...byAgent.keys()] };
  return { reply: composeReply(parts), profile, leads, agents: [...byAgent.keys()] };
}

/** The message names or describes cars to look for, not only the customer's name, city or time. */
function namesCarsToShow(e: AgentContext['entities']): boolean {
  return (
    describesCarWanted(e) ||
    !!(e.make || e.model || e.stockId) ||
    e.pick !== null ||
    e.yearMin !== null ||
    e.yearMax !== null ||
    e.kmMax !== null ||
    e.priceMin !== null ||
    e.sortBy !== null ||
    e.cheaper !== null ||
    e.comparedCars.length > 0
  );
}

const sameWord = (a: string, b: string) => a.localeCompare(b, 'es', { sensitivity: 'base' }) === 0;

function asksHours(intents: readonly Intent[]): boolean {
  return intents.some((i) => i.entities.infoTopic === 'hours');
}

function answersSalesQuestion(e: AgentContext['entities'], catalog: Catalog): boolean {
  // Two or three cars named at once are a question about them, not the one car the visit is for;
  // nor is a model Kavak does not stock ("¿tienen Hilux?"): that asks what is in stock.
  const stocked = !e.model || catalog.models(e.make ?? undefined).some((m) => sameWord(m, e.model!));
  const oneCar = e.comparedCars.length < 2 && stocked && (e.model || e.stockId || e.pick !== null);
  return !!(e.customerName || e.city || e.preferredTime || oneCar || e.branch || e.homeDelivery);
}

async function runAgent(
  ctx: TurnContext,
  name: AgentName,
  intent: Intent,
  entities: AgentContext['entities'],
  allAgents: AgentName[],
): Promise<{ answer: AgentAnswer; text: string }> {
  ctx.emit({ type: 'agent_start', trackingId: ctx.trackingId, agent: name });
  const otherAgents = allAgents.filter((a) => a !== name);
  return ctx.tracer.withSpan(
    null,
    async (spanId) => {
      const agentCtx: AgentContext = { ...ctx, intent, entities, otherAgents, spanId };
      const answer = await AGENTS[name].run(agentCtx);
      const phrased = await phraseAnswer(agentCtx, answer);
      return {
        result: { answer, text: phrased.text },
        data: {
          type: 'agent',
          agent: name,
          intent: intent.type,
          reply: phrased.text,
          groundingNote: phrased.groundingNote,
        },
      };
    },
    () => ({ type: 'agent', agent: name, intent: intent.type, reply: '', groundingNote: null }),
  );
}
