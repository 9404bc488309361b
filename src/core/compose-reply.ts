import { AgentNameSchema, type AgentName } from './tasks.js';

/** Twilio's limit for one WhatsApp message body. */
export const WHATSAPP_MAX_CHARS = 1600;

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

/**
 * Splits a reply into WhatsApp messages of at most `max` characters, at paragraph breaks;
 * then at line breaks, then at sentence ends, and only as a last resort mid-text.
 */
export function splitForWhatsApp(text: string, max = WHATSAPP_MAX_CHARS): string[] {
  if (text.length <= max) return [text];
  const messages: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    if (!current) current = piece;
    else if (current.length + separator.length + piece.length <= max) current += separator + piece;
    else {
      messages.push(current);
      current = piece;
    }
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    for (const piece of fit(paragraph, max)) push(piece, '\n\n');
  }
  if (current) messages.push(current);
  return messages;
}

function fit(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const units = paragraph.includes('\n') ? paragraph.split('\n') : paragraph.split(/(?<=[.!?])\s+/);
  const separator = paragraph.includes('\n') ? '\n' : ' ';
  const out: string[] = [];
  let current = '';
  for (const unit of units) {
    for (const piece of unit.length <= max ? [unit] : hardCut(unit, max)) {
      if (!current) current = piece;
      else if (current.length + 1 + piece.length <= max) current += separator + piece;
      else {
        out.push(current);
        current = piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

function hardCut(text: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}
