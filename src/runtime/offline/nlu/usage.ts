import { NUMBER_WORDS } from '../../../tools/text/spanish-numbers.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';
import { wordTable } from '../../../tools/text/word-table.js';

/**
 * How long the customer has had the car they bought, or how far they drove it: "ya pasaron 10
 * días", "lo compré hace 2 semanas", "ya le metí 400 km". A number is usage, not a search filter,
 * when a verb of having / driving / time passing stands before it (or "de uso" after it); the
 * same in English ("had it 10 days", "driven 400 km").
 */
const AMOUNT = String.raw`(\d[\d,.]*|[a-z]+)`;
const APPROX = String.raw`(?:como\s+|unos\s+|unas\s+|casi\s+|mas\s+de\s+|ya\s+|about\s+|almost\s+|over\s+)?`;
const DAYS_LEAD = String.raw`(?:pasaron|pasaran|han\s+pasado|van|llevo|lleva|llevamos|tengo|tiene|hace|despues\s+de|a\s+los|a\s+las|tras|al\s+cabo\s+de|pasados|pasadas|cumpli|cumple|had\s+it(?:\s+for)?|after|been|driven\s+it\s+for)`;
const KM_LEAD = String.raw`(?:le\s+(?:he\s+)?(?:meti|metido|hice|hecho|puse|eche)|lleva|llevo|ya\s+tiene|tiene\s+ya|recorri|he\s+recorrido|maneje|he\s+manejado|le\s+di|(?:driven|drove|put)(?:\s+it)?(?:\s+for)?)`;

const DAYS = new RegExp(
  String.raw`\b${DAYS_LEAD}\s+${APPROX}${AMOUNT}\s+(dias?|semanas?|mes(?:es)?|days?|weeks?|months?)\b|\b${AMOUNT}\s+(dias?|semanas?|mes(?:es)?|days?|weeks?|months?)\s+(?:de\s+uso|de\s+haberlo|de\s+comprarlo|con\s+(?:el|ella)|despues|ago|later)\b`,
);
const KM = new RegExp(
  String.raw`\b${KM_LEAD}\s+${APPROX}${AMOUNT}\s*(mil\s+)?(?:km|kms|kilometros)\b|\b${AMOUNT}\s*(mil\s+)?(?:km|kms|kilometros)\s+(?:recorridos|de\s+uso|manejados)\b`,
);

const UNIT_DAYS = wordTable<number>({ dia: 1, semana: 7, mes: 30 });

export interface UsageMention {
  days: number | null;
  km: number | null;
  /** Where the figures were said: they are no budget or mileage filter. */
  spans: Span[];
}

export function findUsage(text: string): UsageMention {
  const usage: UsageMention = { days: null, km: null, spans: [] };
  for (const { start, end, match } of findAll(text, DAYS)) {
    const amount = amountOf(match[1] ?? match[3]);
    const written = match[2] ?? match[4] ?? '';
    const unit = /^(?:mes|month)/.test(written) ? 'mes' : /^(?:semana|week)/.test(written) ? 'semana' : 'dia';
    if (amount === null || usage.days !== null) continue;
    usage.days = amount * UNIT_DAYS[unit]!;
    usage.spans.push({ start, end });
  }
  for (const { start, end, match } of findAll(text, KM)) {
    const amount = amountOf(match[1] ?? match[3]);
    if (amount === null || usage.km !== null) continue;
    usage.km = amount * ((match[2] ?? match[4]) ? 1000 : 1);
    usage.spans.push({ start, end });
  }
  return usage;
}

function amountOf(written: string | undefined): number | null {
  if (!written) return null;
  if (/^\d/.test(written)) return Number(written.replace(/[,.](?=\d{3}\b)/g, '').replace(',', '.'));
  return NUMBER_WORDS[written] ?? null;
}
