import { AgentNameSchema, type AgentName } from './tasks.js';

/**
 * greeting → thanks or apology → information → cars → the price is fixed → financing → next step;
 * the fallback only speaks alone.
 * A record, so a new agent without a place in the reply does not compile.
 */
const REPLY_POSITION: Record<AgentName, number> = {
  greeting: 0,
  social: 1,
  kavak_info: 2,
  cars: 3,
  haggle: 4,
  financing: 5,
  sales: 6,
  fallback: 7,
};

/** Every agent, in the order their parts appear in a reply. */
export const AGENTS_IN_REPLY_ORDER: readonly AgentName[] = [...AgentNameSchema.options].sort(
  (a, b) => REPLY_POSITION[a] - REPLY_POSITION[b],
);

const LEADING_GREETING = /^\s*¡?\s*(hola|buen[oa]s? (d[ií]as|tardes|noches)|qu[eé] tal)[^.!?\n]*[.!?]+\s*/i;

export function composeReply(parts: { agent: AgentName; text: string }[]): string {
  const sorted = [...parts].sort((a, b) => REPLY_POSITION[a.agent] - REPLY_POSITION[b.agent]);
  const hasGreeting = sorted.some((p) => p.agent === 'greeting');
  return sorted
    .map((p, i) =>
      (i > 0 || (hasGreeting && p.agent !== 'greeting')
        ? p.text.replace(LEADING_GREETING, '')
        : p.text
      ).trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}
