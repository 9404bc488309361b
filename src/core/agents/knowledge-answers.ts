import type { KnowledgeTopic } from '../intents/schema.js';
import type { Branch, BranchLookup, KnowledgeSection } from '../../tools/knowledge/types.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { joinSpanish } from './format.js';

export const NOT_KNOWN_TAIL = 'si quieres, te comunico con un asesor de Kavak que te lo confirma.';
export const NOT_KNOWN = `No tengo ese dato y prefiero no darte información incorrecta; ${NOT_KNOWN_TAIL}`;

/**
 * What the knowledge base is searched for on each topic: the words its sections use. A topic the
 * base does not cover (the amount of an apartado) finds nothing, and the answer says "no lo sé".
 */
export const TOPIC_QUERY: Record<KnowledgeTopic, string> = {
  branches: 'dónde están nuestras sedes',
  hours: 'horario sedes',
  delivery: 'prueba de manejo y entrega del auto en tu domicilio',
  buying_process: 'compra en digital videollamada',
  returns: 'devolución periodo de prueba',
  warranty: 'garantía',
  inspection: 'inspección',
  documents: 'documentos requisitos',
  financing_process: 'financiamiento cómo funciona solicitud',
  financing_terms: 'tasa plazo enganche mensualidad',
  credit_approval: 'aprobación crédito buró historial crediticio',
  trade_in: 'auto a cuenta',
  sell_car: 'vender tu auto',
  app: 'app',
  kavak_total: 'Kavak Total',
  maintenance: 'mantenimiento',
  company: 'qué es Kavak empresa',
  payment_methods: 'formas de pago',
  insurance: 'seguro',
  paperwork: 'trámites',
  reservation: 'apartado reservación',
};

/** A figure of money (or a rate: "¿cuánto es la tasa?") or of time in a section: what "¿cuánto cuesta?" / "¿cuánto tarda?" need. */
const MONEY_IN_TEXT = /\$\s?\d|\b\d[\d,.]*\s*(?:pesos|mil)\b|\b\d+(?:[.,]\d+)?\s*%/;
const TIME_IN_TEXT = /\b\d+\s*(?:minutos|horas|días|dias|semanas|meses|minutes|hours|days|weeks|months)\b/;

/**
 * What the customer asked of a service that the sections quoted do not say — its price, how long
 * it takes — said to be unknown, never guessed.
 */
export function unpublishedDetails(ctx: AgentContext, bodies: readonly string[]): string[] {
  const text = bodies.join('\n');
  const lines: string[] = [];
  // asksPrice is a service's price by its definition (the intents prompt): a car's is the cars agent's.
  if (ctx.entities.asksPrice === true && !MONEY_IN_TEXT.test(text))
    lines.push(`Su precio no lo tengo publicado; ${NOT_KNOWN_TAIL}`);
  if (ctx.entities.asksDuration === true && !TIME_IN_TEXT.test(text))
    lines.push(`Cuánto tarda no lo tengo publicado; ${NOT_KNOWN_TAIL}`);
  return lines;
}

/** The cities with a branch, in the knowledge base's order. */
export function branchCities(ctx: AgentContext): string[] {
  return [...new Set(ctx.tools.knowledge.branches.map((b) => b.city))];
}

/**
 * The best sections for a query, each in the customer's language (its English twin for an
 * English-speaking customer), so a draft quotes the knowledge base in the language it is read in.
 */
export function retrieveSections(ctx: AgentContext, query: string, limit: number): KnowledgeSection[] {
  const { knowledge } = ctx.tools;
  return useTool(ctx, 'knowledge.retrieve', { query, limit, language: ctx.language }, () =>
    knowledge.retrieve(query, { limit }).map((section) => knowledge.inLanguage(section, ctx.language)),
  );
}

/**
 * The first sentence matching `pattern` in the sections a query finds, if any. The section of
 * what is not known holds no fact to quote.
 */
export function knowledgeSentence(
  ctx: AgentContext,
  query: string,
  pattern: RegExp,
  limit = 2,
): string | null {
  for (const section of retrieveSections(ctx, query, limit)) {
    if (section.id.startsWith('lo-que-no-se')) continue;
    const sentence = section.body.split(/(?<=[.!?])\s+|\n+/).find((line) => pattern.test(line));
    if (sentence) return sentence.trim();
  }
  return null;
}

export function retrieveTopic(ctx: AgentContext, topic: KnowledgeTopic, limit = 1): KnowledgeSection[] {
  return retrieveSections(ctx, TOPIC_QUERY[topic], limit);
}

function lookupCity(ctx: AgentContext, city: string): BranchLookup {
  return useTool(ctx, 'knowledge.branchesIn', { city }, () => ctx.tools.knowledge.branchesIn(city));
}

/**
 * Opening hours of the branch named, else of the customer's city (from this message or the
 * profile) — never another city's. Only published hours are given.
 */
export function hoursAnswer(ctx: AgentContext, branch: Branch | undefined): AgentAnswer {
  if (branch) {
    // "¿Cuál es la dirección de Antara y a qué hora abren?": the knowledge base has no addresses.
    const address = ctx.entities.questions.includes('sedes')
      ? `La dirección de la sede ${branch.name} no la tengo a la mano. `
      : '';
    const draft = branch.hours
      ? `${address}La sede ${branch.name} (${branch.city}) abre ${branch.hours}. ¿Te agendo una visita?`
      : `${address}No tengo publicado el horario de la sede ${branch.name}. Si quieres, te comunico con un asesor de Kavak para confirmarlo o agendarte una visita.`;
    return { agent: 'kavak_info', draft, facts: { branch }, phrase: true };
  }
  const city = ctx.entities.city ?? ctx.profile.city;
  if (!city) {
    const published = ctx.tools.knowledge.branches.filter((b) => b.hours);
    const lines = published.map((b) => `la sede ${b.name} (${b.city}) abre ${b.hours}`);
    const draft = `${lines.length ? `De las sedes solo tengo publicado este horario: ${joinSpanish(lines)}. ` : ''}¿En qué ciudad estás? Te digo qué sedes te quedan y te comunico con un asesor para confirmar su horario.`;
    return { agent: 'kavak_info', draft, facts: { publishedHours: published }, phrase: true };
  }
  const lookup = lookupCity(ctx, city);
  if (!lookup.hasBranch) {
    return {
      agent: 'kavak_info',
      draft: `En ${lookup.city} no tenemos sede, así que no hay horario que darte; puedes comprar en digital, con videollamada con un asesor y entrega en tu domicilio. ¿Te interesa?`,
      facts: { branches: lookup },
      profilePatch: { city: lookup.city },
      phrase: true,
    };
  }
  const withHours = lookup.branches.filter((b) => b.hours);
  const without = lookup.branches.filter((b) => !b.hours).map((b) => b.name);
  const lines = [
    ...withHours.map((b) => `La sede ${b.name} abre ${b.hours}.`),
    without.length
      ? `No tengo publicado el horario de ${joinSpanish(without)}, ${without.length === 1 ? 'nuestra sede' : 'nuestras sedes'} en ${lookup.city}; si quieres, te comunico con un asesor para confirmarlo o agendarte una visita.`
      : '¿Te agendo una visita?',
  ];
  return {
    agent: 'kavak_info',
    draft: lines.join('\n'),
    facts: { branches: lookup },
    profilePatch: { city: lookup.city },
    phrase: true,
  };
}

/** Delivery: the knowledge base's words, and what that means in the customer's city. */
export function deliveryAnswer(ctx: AgentContext): AgentAnswer {
  const section = retrieveTopic(ctx, 'delivery')[0];
  if (!section) return { agent: 'kavak_info', draft: NOT_KNOWN, facts: { sections: [] }, phrase: true };
  const city = ctx.entities.city ?? ctx.profile.city;
  const lookup = city ? lookupCity(ctx, city) : null;
  const where = !lookup
    ? '¿En qué ciudad estás?'
    : lookup.hasBranch
      ? `En ${lookup.city}, ${lookup.branches.length === 1 ? 'nuestra sede es' : 'nuestras sedes son'}: ${joinSpanish(lookup.branches.map((b) => b.name))}.`
      : `En ${lookup.city} no tenemos sede, pero la compra digital con entrega en tu domicilio sí aplica.`;
  const unpublished = unpublishedDetails(ctx, [section.body]);
  return {
    agent: 'kavak_info',
    draft: [`Sí. ${section.body}`, ...unpublished, where].join('\n\n'),
    facts: { sections: [{ id: section.id, body: section.body }], ...(lookup ? { branches: lookup } : {}) },
    ...(lookup ? { profilePatch: { city: lookup.city } } : {}),
    phrase: true,
  };
}

/**
 * "¿Lo puedo devolver? ya pasaron 10 días": the published window applied to the customer's own
 * numbers — the rule is either limit, whichever comes first.
 */
export function returnsAnswer(ctx: AgentContext): AgentAnswer | undefined {
  const { usageDays, usageKm } = ctx.entities;
  const window = ctx.tools.knowledge.returnWindow;
  if ((usageDays === null && usageKm === null) || !window) return undefined;
  useTool(ctx, 'knowledge.returnWindow', {}, () => window);
  const found = ctx.tools.knowledge.sections.find((s) => s.id === window.sectionId);
  const section = found && ctx.tools.knowledge.inLanguage(found, ctx.language);
  const yours = [
    usageDays !== null ? `${usageDays} ${usageDays === 1 ? 'día' : 'días'}` : '',
    usageKm !== null ? `${usageKm} km` : '',
  ].filter(Boolean);
  const over = (usageDays !== null && usageDays > window.days) || (usageKm !== null && usageKm > window.km);
  const rule = `${window.days} días o ${window.km} km`;
  const verdict = over
    ? `Con ${joinSpanish(yours)} ya pasaste el periodo de prueba de ${rule}, así que la devolución ya no aplica. Si quieres, te comunico con un asesor para revisar tu caso.`
    : `Con ${joinSpanish(yours)} sigues dentro del periodo de prueba de ${rule}: si no te convence, lo puedes devolver.`;
  return {
    agent: 'kavak_info',
    draft: section ? `${section.body}\n\n${verdict}` : verdict,
    facts: { returnWindow: window, usage: { days: usageDays, km: usageKm }, withinWindow: !over },
    phrase: true,
  };
}
