import type { Persona } from './persona.js';
import { pick } from './customer-style.js';

/**
 * The offline customer's script, derived from the persona's structure (what it wants, in what
 * order a Mexican customer asks for it on WhatsApp): an opening, the search with the budget, a
 * detail, the persona's own questions, financing, the visit. Each move says what the agent's
 * answer must bring for the customer to move on; texts are clean Spanish, styled later.
 */
export interface Move {
  kind: 'opening' | 'search' | 'detail' | 'question' | 'financing' | 'visit' | 'visit-details';
  /** The message, given the agent's last reply (a move may answer what the agent asked). */
  say(lastReply: string, random: () => number): string;
  /** The agent's reply gave what this move asked for. */
  answered(reply: string): boolean;
  /** What the customer was after, for the give-up reason. */
  wanted: string;
}

const anything = () => true;
const has = (pattern: RegExp) => (reply: string) =>
  pattern.test(reply.normalize('NFD').replace(/\p{M}/gu, ''));

const NOUNS: Record<string, { noun: string; feminine: boolean }> = {
  suv: { noun: 'camioneta', feminine: true },
  sedan: { noun: 'sedán', feminine: false },
  hatchback: { noun: 'hatchback', feminine: false },
  pickup: { noun: 'pickup', feminine: true },
  minivan: { noun: 'minivan', feminine: true },
  van: { noun: 'van', feminine: true },
  coupe: { noun: 'coupé', feminine: false },
  convertible: { noun: 'convertible', feminine: false },
};

/** "una camioneta automática", "un Mazda 3", "un auto". */
export function carPhrase(persona: Persona): { text: string; feminine: boolean } {
  const { wants } = persona;
  const named = [wants.make, wants.model].filter(Boolean).join(' ');
  const body = wants.bodyType ? NOUNS[wants.bodyType] : undefined;
  const feminine = named ? false : (body?.feminine ?? false);
  const noun = named || body?.noun || 'auto';
  const gear =
    wants.transmission === 'automatic'
      ? feminine
        ? ' automática'
        : ' automático'
      : wants.transmission === 'manual'
        ? ' estándar'
        : '';
  return { text: `${feminine ? 'una' : 'un'} ${noun}${gear}`, feminine };
}

/** 350000 → "350 mil", 1200000 → "1.2 millones". */
export function budgetPhrase(pesos: number): string {
  if (pesos >= 1_000_000) return `${Number((pesos / 1_000_000).toFixed(1))} millones`;
  return `${Math.round(pesos / 1000)} mil`;
}

/** The first branch the agent offered ("… (Midtown y Punto Sur)"), else the city's. */
function branchOffered(reply: string, city: string): string {
  const offered = /\(([^()]+?)(?:,| y |\))/.exec(reply.slice(reply.search(/sede/i)))?.[1]?.trim();
  return offered && !/\d/.test(offered) ? offered : `la de ${city}`;
}

export function movesFor(persona: Persona): Move[] {
  const { wants, style } = persona;
  const car = carPhrase(persona);
  const budget = budgetPhrase(persona.budget);
  const use = wants.use ? ` ${wants.use}` : '';
  const it = car.feminine ? 'la' : 'lo';
  const moves: Move[] = [];

  if (persona.opening) {
    const opening = persona.opening;
    moves.push({ kind: 'opening', say: () => opening, answered: anything, wanted: 'a greeting' });
  } else if (style.impatience === 'low') {
    moves.push({
      kind: 'opening',
      say: (_, r) => pick(['Hola, buenas tardes', 'Buenas tardes, una pregunta', 'Hola, buen día'], r),
      answered: anything,
      wanted: 'a greeting',
    });
  }
  moves.push({
    kind: 'search',
    say: (_, r) =>
      pick(
        [
          `Busco ${car.text}${use} de menos de ${budget}`,
          `Ando buscando ${car.text}${use}, mi presupuesto es de ${budget}`,
          `¿Tienen ${car.text}${use} por menos de ${budget}?`,
        ],
        r,
      ),
    answered: has(/\$\s?\d/),
    wanted: `cars under ${budget} with their prices`,
  });
  if (style.impatience === 'low') {
    moves.push({
      kind: 'detail',
      say: (_, r) =>
        pick(
          [
            `¿Cuántos kilómetros tiene ${car.feminine ? 'la' : 'el'} primer${car.feminine ? 'a' : 'o'}?`,
            '¿Y el primero cuántos km tiene?',
          ],
          r,
        ),
      answered: has(/\bkm\b|kilometr/i),
      wanted: 'the mileage of the first car',
    });
  }
  for (const question of wants.questions) {
    moves.push({
      kind: 'question',
      say: () => question,
      answered: (reply) => reply.trim().length > 0,
      wanted: question,
    });
  }
  if (wants.financing) {
    const down = wants.financing.downPaymentPercent ?? 20;
    const term = wants.financing.termYears ?? 4;
    moves.push({
      kind: 'financing',
      say: (_, r) =>
        pick(
          [
            `¿Cuánto pagaría al mes por ${car.feminine ? 'la' : 'el'} primer${car.feminine ? 'a' : 'o'} con ${down}% de enganche a ${term} años?`,
            `¿Y a crédito? Con ${down}% de enganche a ${term} años, ¿cuánto quedaría la mensualidad del primero?`,
          ],
          r,
        ),
      answered: has(/al mes|mensualidad|mensual/i),
      wanted: `a monthly payment with ${down}% down over ${term} years`,
    });
  }
  if (wants.visit) {
    moves.push({
      kind: 'visit',
      say: (_, r) =>
        pick(
          [
            `Quiero agendar una visita en ${persona.city} para ver${it}`,
            `¿Puedo ir a ver${it} a su sede de ${persona.city}?`,
            `Me interesa, ¿cómo le hago para ver${it} en ${persona.city}?`,
          ],
          r,
        ),
      answered: has(/sede|visita|cita|nombre/i),
      wanted: `a visit in ${persona.city}`,
    });
    const name = persona.name ?? 'Alex';
    moves.push({
      kind: 'visit-details',
      say: (reply, r) =>
        `Soy ${name}, en ${branchOffered(reply, persona.city)} el ${pick(['sábado', 'viernes', 'lunes'], r)} a las ${pick(['10', '11', '12', '4'], r)}`,
      answered: has(/registr|confirm|agend|listo/i),
      wanted: `the visit in ${persona.city} booked`,
    });
  }
  return moves;
}
