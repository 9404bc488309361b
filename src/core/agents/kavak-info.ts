import type { Branch, BranchLookup, KnowledgeSection } from '../../tools/knowledge/types.js';
import type { Agent, AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';

const NOT_KNOWN =
  'No tengo ese dato y prefiero no darte información incorrecta. Si quieres, te comunico con un asesor de Kavak.';
const BRANCH_WORDS =
  /\b(sede|sedes|sucursal|sucursales|agencia|agencias|donde est|ubicad|horario|tienda|oficina)/i;

export const kavakInfoAgent: Agent = {
  name: 'kavak_info',
  run(ctx) {
    const asksBranches =
      BRANCH_WORDS.test(normalise(ctx.message)) || /sede|sucursal/i.test(ctx.entities.topic ?? '');
    const city = ctx.entities.city ?? (asksBranches ? ctx.profile.city : null);
    if (asksBranches || (city && ctx.intent.entities.city)) return branchesAnswer(ctx, city);
    return sectionsAnswer(ctx);
  },
};

function branchesAnswer(ctx: AgentContext, city: string | null): AgentAnswer {
  const { knowledge } = ctx.tools;
  if (city) {
    const lookup: BranchLookup = useTool(ctx, 'knowledge.branchesIn', { city }, () =>
      knowledge.branchesIn(city),
    );
    const draft = lookup.hasBranch
      ? `En ${lookup.city} tenemos ${lookup.branches.length === 1 ? 'una sede' : `${lookup.branches.length} sedes`}:\n${lookup.branches.map(branchLine).join('\n')}\n¿Te gustaría agendar una visita?`
      : `En ${lookup.city} no tenemos sede por ahora, pero puedes comprar 100% en línea: videollamada con un asesor y entrega o prueba de manejo en tu domicilio. ¿Te interesa?`;
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
  const queries = [ctx.entities.topic, ctx.message].filter((q): q is string => !!q);
  let sections: KnowledgeSection[] = [];
  for (const query of queries) {
    sections = useTool(ctx, 'knowledge.retrieve', { query, limit: 2 }, () =>
      ctx.tools.knowledge.retrieve(query, { limit: 2 }),
    );
    if (sections.length) break;
  }
  const best = sections[0];
  if (!best) return { agent: 'kavak_info', draft: NOT_KNOWN, facts: { sections: [] }, phrase: true };
  return {
    agent: 'kavak_info',
    draft: best.body,
    facts: { sections: sections.map((s) => ({ id: s.id, title: s.title, body: s.body })) },
    phrase: true,
  };
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
