import type { KnowledgeTopic } from '../intents/schema.js';
import type { Branch, BranchLookup, KnowledgeSection } from '../../tools/knowledge/types.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { namedCar } from './named-car.js';
import { joinSpanish } from './format.js';
import {
  branchCities,
  NOT_KNOWN,
  NOT_KNOWN_TAIL,
  TOPIC_QUERY,
  deliveryAnswer,
  hoursAnswer,
  retrieveSections,
  knowledgeSentence,
  returnsAnswer,
  unpublishedDetails,
} from './knowledge-answers.js';

/** Topics whose "¿cuánto cuesta?" is about the customer's own car, not a Kavak service. */
const OWN_CAR_TOPICS = new Set(['sell_car', 'trade_in']);
/** "¿Cuánto me darían por él?": what the customer's car is worth is only known once it is quoted. */
const OWN_CAR_VALUE = `Cuánto vale tu auto lo sabemos al cotizarlo; puedes cotizarlo desde la app de Kavak o, ${NOT_KNOWN_TAIL.replace('que te lo confirma', 'que te ayude con la cotización')}`;
/**
 * What the knowledge base does say on a topic it lists as unknown: whether a loan is approved is
 * not known, but that the credit history is reviewed is. Said before the offer of an advisor.
 */
const KNOWN_PART: Partial<Record<KnowledgeTopic, { known: RegExp; unknown: string }>> = {
  credit_approval: {
    known: /historial crediticio|credit history/i,
    unknown: `Si tu crédito va a ser aprobado no te lo puedo asegurar; ${NOT_KNOWN_TAIL}`,
  },
};

export const kavakInfoAgent: Agent = {
  name: 'kavak_info',
  run(ctx) {
    const answer = answerAboutKavak(ctx);
    // "me gustó la Tracker 2021, ¿me la mandan?": the car named is the one a visit will be for.
    const named = ctx.entities.make || ctx.entities.model ? namedCar(ctx) : undefined;
    return named
      ? { ...answer, profilePatch: { carUnderDiscussion: named.stockId, ...answer.profilePatch } }
      : answer;
  },
};

/** The answer itself: hours, delivery, returns, branches, or the knowledge base's sections. */
function answerAboutKavak(ctx: AgentContext): AgentAnswer {
  const { infoTopic, branch: namedBranch, questions } = ctx.entities;
  // "¿viene revisado? ¿y si falla a la semana?": the intents model lists each question; every
  // one gets its own answer, in the order asked.
  // "Me mudo a Querétaro, ¿tienen sede? ¿a qué hora abren?": one answer about that city's branches.
  const aboutCityBranches = (infoTopic === 'hours' || infoTopic === 'branches') && ctx.entities.city !== null;
  if (questions.length > 1 && !aboutCityBranches) return questionsAnswer(ctx, questions);
  const branch = namedBranch
    ? useTool(ctx, 'knowledge.branchNamed', { name: namedBranch }, () =>
        ctx.tools.knowledge.branchNamed(namedBranch),
      )
    : undefined;
  if (infoTopic === 'hours') return hoursAnswer(ctx, branch);
  if (infoTopic === 'delivery') return deliveryAnswer(ctx);
  if (infoTopic === 'returns') {
    const applied = returnsAnswer(ctx);
    if (applied) return applied;
  }
  const asksBranches = infoTopic === 'branches';
  // "¿cuántas sedes tienen en total?" after a city: every branch, not that city's again.
  const everywhere = ctx.entities.scope === 'catalog';
  const city = ctx.entities.city ?? (asksBranches && !everywhere ? ctx.profile.city : null);
  // A city next to a visit request is for the sales agent, not a question about branches.
  if (asksBranches || (city && ctx.intent.entities.city && !ctx.otherAgents.includes('sales'))) {
    return branchesAnswer(ctx, city);
  }
  return sectionsAnswer(ctx);
}

/** What the knowledge base says of addresses (data/knowledge/sedes.md): it has none. */
const NO_ADDRESSES = 'No tengo a la mano las direcciones; si las necesitas, te comunico con un asesor.';

function branchesAnswer(ctx: AgentContext, city: string | null): AgentAnswer {
  const { knowledge } = ctx.tools;
  if (city) {
    const lookup: BranchLookup = useTool(ctx, 'knowledge.branchesIn', { city }, () =>
      knowledge.branchesIn(city),
    );
    const draft = lookup.hasBranch
      ? `En ${lookup.city} tenemos ${lookup.branches.length === 1 ? 'una sede' : `${lookup.branches.length} sedes`}:\n${lookup.branches.map(branchLine).join('\n')}\n${NO_ADDRESSES}\n¿Te gustaría agendar una visita?`
      : `En ${lookup.city} no tenemos sede por ahora, pero puedes comprar 100% en línea: videollamada con un asesor y entrega o prueba de manejo en tu domicilio. Si prefieres ir en persona, nuestras sedes están en ${joinSpanish(branchCities(ctx))}. ¿Te interesa?`;
    return {
      agent: 'kavak_info',
      draft,
      facts: { branches: lookup },
      profilePatch: { city: lookup.city },
      phrase: true,
    };
  }
  const byCity = new Map<string, Branch[]>();
  for (const b of useTool(ctx, 'knowledge.branches', {}, () => knowledge.branches)) {
    byCity.set(b.city, [...(byCity.get(b.city) ?? []), b]);
  }
  const total = [...byCity.values()].reduce((n, list) => n + list.length, 0);
  const lines = [...byCity.entries()].map(([c, list]) => `- ${c}: ${list.map((b) => b.name).join(', ')}`);
  const draft = `Tenemos ${total} sedes:\n${lines.join('\n')}\nEn otras ciudades puedes comprar en línea con entrega a domicilio. ¿En qué ciudad estás?`;
  return { agent: 'kavak_info', draft, facts: { branches: [...byCity.entries()] }, phrase: true };
}

function branchLine(branch: Branch): string {
  return `- ${branch.name}${branch.hours ? ` (${branch.hours})` : ''}`;
}

function sectionsAnswer(ctx: AgentContext): AgentAnswer {
  // The topic the intent call isolated is sharper than the whole message, which may also talk
  // about cars or payments; the message is the fallback.
  // The topic the intent model chose leads; the message's own words may still find what Kavak
  // does not publish (CAT, MSI…), but never replace a topic the knowledge base lacks: "¿cuánto
  // dejo para apartar?" must not find "dejar tu auto a cuenta".
  const { infoTopic } = ctx.entities;
  const queries = [infoTopic ? TOPIC_QUERY[infoTopic] : null, ctx.entities.topic, ctx.message].filter(
    (q): q is string => !!q,
  );
  const results = queries.map((query) => retrieveSections(ctx, query, 2));
  // A question about something the facts do not cover (CAT, insurance…) must get "no lo sé",
  // whichever query found it — but a long message that also mentions months or payments must not
  // bury the topic the intent call isolated ("…¿y cuánto dura la garantía?"): with a topic known,
  // only the topic's own queries may find the unknowns.
  const unknownFrom = infoTopic && ctx.entities.topic ? results.slice(0, 2) : results;
  let sections: KnowledgeSection[] =
    unknownFrom.find((r) => r[0]?.id.startsWith('lo-que-no-se')) ??
    (infoTopic ? results[0] : results.find((r) => r.length > 0)) ??
    [];
  sections = sections.slice(0, 1);
  const best = sections[0];
  if (!best) return { agent: 'kavak_info', draft: NOT_KNOWN, facts: { sections: [] }, phrase: true };
  // The "what I don't know" section lists the unknowns: the customer needs the plain answer.
  const unknown = best.id.startsWith('lo-que-no-se');
  // A price of a Kavak service (warranty extension, Kavak Total …) is never published; what the
  // customer's own car is worth is not a service's price.
  const ownCar = OWN_CAR_TOPICS.has(infoTopic ?? '');
  const unpublished = ownCar
    ? ctx.entities.asksPrice === true
      ? [OWN_CAR_VALUE]
      : []
    : unpublishedDetails(ctx, [best.body]);
  const known = unknown && infoTopic ? knownPart(ctx, infoTopic) : null;
  const draft = known ?? (unknown ? NOT_KNOWN : [best.body, ...unpublished].join('\n\n'));
  return {
    agent: 'kavak_info',
    draft,
    facts: { sections: sections.map((s) => ({ id: s.id, title: s.title, body: s.body })) },
    phrase: true,
  };
}

function knownPart(ctx: AgentContext, topic: KnowledgeTopic): string | null {
  const part = KNOWN_PART[topic];
  if (!part) return null;
  const sentence = knowledgeSentence(ctx, TOPIC_QUERY[topic], part.known, 3);
  return sentence ? `${sentence}\n\n${part.unknown}` : null;
}

/** Most sections one reply carries: more reads as a wall of text on WhatsApp. */
const MAX_QUESTIONS = 4;

/** One answer per question: its section, or "no tengo ese dato" for what the facts do not cover. */
function questionsAnswer(ctx: AgentContext, questions: readonly string[]): AgentAnswer {
  const answered: KnowledgeSection[] = [];
  const unknown: string[] = [];
  for (const question of questions.slice(0, MAX_QUESTIONS)) {
    const [section] = retrieveSections(ctx, question, 1);
    if (!section || section.id.startsWith('lo-que-no-se')) unknown.push(question);
    else if (!answered.some((s) => s.id === section.id)) answered.push(section);
  }
  const parts = answered.map((s) => s.body);
  parts.push(...unpublishedDetails(ctx, parts));
  if (unknown.length) parts.push(`Sobre ${unknown.join(' y ')}: ${NOT_KNOWN}`);
  return {
    agent: 'kavak_info',
    draft: parts.join('\n\n'),
    facts: {
      sections: answered.map((s) => ({ id: s.id, title: s.title, body: s.body })),
      unknown,
    },
    phrase: true,
  };
}
