import { fold } from '../../../tools/text/normalize.js';
import type { NormalizedText } from './normalize.js';
import { originalSlice } from './normalize.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';

const DAY = String.raw`lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday`;
const MONTH = String.raw`enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre`;
const HOUR_WORD = String.raw`una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce`;

/** Pieces of a "when": day words, parts of the day, clock times, dates. Adjacent pieces are joined. */
const TIME_PIECES: readonly RegExp[] = [
  // "mañana" is tomorrow, except in "de la mañana" / "en la mañana" (a part of the day).
  /(?<!\bla\s)\b(pasado\s+)?manana\b/,
  /\bhoy(\s+mismo)?\b|\bahorita\b|\bal\s+rato\b|\bmas\s+tarde\b/,
  new RegExp(
    String.raw`\b((el|este|esta|el\s+proximo|este\s+proximo|el\s+siguiente|on|this|next)\s+)?(${DAY})\b`,
  ),
  /\b(el|este)\s+fin(\s+de\s+semana)?\b|\bfin\s+de\s+semana\b|\bfinde\b|\bthis\s+weekend\b/,
  /\b(la\s+)?(proxima|siguiente|otra)\s+semana\b|\bla\s+semana\s+que\s+entra\b|\bentre\s+semana\b|\bnext\s+week\b/,
  /\b(en|por)\s+la\s+(manana|tarde|noche)\b|\btemprano\b|\b(al|a)\s+medio\s*dia\b|\bin\s+the\s+(morning|afternoon|evening)\b|\btonight\b|\btomorrow\b|\btoday\b/,
  new RegExp(
    String.raw`\b(a\s+las?|at)\s+(\d{1,2}(:\d{2})?|${HOUR_WORD})(\s*(am|pm|hrs|horas|h)\b)?(\s+(y\s+media|en\s+punto|de\s+la\s+(manana|tarde|noche)))?`,
  ),
  /\b\d{1,2}(:\d{2})?\s*(am|pm|hrs|horas)\b|\b\d{1,2}:\d{2}\b/,
  // "tipo 11 de la mañana", "5 de la tarde": an hour by its part of the day.
  new RegExp(String.raw`\b(\d{1,2}(:\d{2})?|${HOUR_WORD})\s+de\s+la\s+(manana|tarde|noche)\b`),
  new RegExp(String.raw`\b(el\s+)?(dia\s+)?\d{1,2}\s+de\s+(${MONTH})\b`),
];

/** What may stand between two pieces of one "when": "el sábado, en la mañana", "mañana a las 5". */
const JOINER = /^[\s,]*(y|a|o|como|en|por|entre)?[\s,]*$/;

export interface TimeMention extends Span {
  /** As the customer wrote it: "mañana a las 5", "el sábado en la mañana". */
  text: string;
}

export function findTime(normalized: NormalizedText): TimeMention | null {
  const text = normalized.text;
  const valid = TIME_PIECES.flatMap((p) => findAll(text, p)).map(({ start, end }) => ({ start, end }));
  if (valid.length === 0) return null;
  valid.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = { ...valid[0]! };
  for (const piece of valid.slice(1)) {
    if (piece.start <= first.end || JOINER.test(text.slice(first.end, piece.start))) {
      first.end = Math.max(first.end, piece.end);
    } else break;
  }
  return { ...first, text: originalSlice(normalized, first.start, first.end) };
}

const HAS_DAY = new RegExp(
  String.raw`\b(?:${DAY}|(?<!la\s)manana|hoy|pasado|fin\s+de\s+semana|\d{1,2}\s+de\s+(?:${MONTH}))\b`,
);
const HAS_HOUR =
  /\b(?:a\s+las?|at)\s|\d{1,2}:\d{2}|\d{1,2}\s*(?:am|pm|hrs?)\b|\bde\s+la\s+(?:tarde|manana|noche)\b|\btemprano\b|\bmedio\s*dia\b/;

/**
 * The whole "when" of a visit being arranged: "el jueves" said before (the profile) and "a las 5
 * de la tarde" now is "el jueves a las 5 de la tarde", as a model reading the profile would
 * answer; a new day or a new hour replaces the old one.
 */
export function completedTime(before: string | null, now: string | null): string | null {
  if (!before || !now) return now;
  const b = fold(before);
  const n = fold(now);
  if (HAS_DAY.test(b) && !HAS_HOUR.test(b) && HAS_HOUR.test(n) && !HAS_DAY.test(n)) return `${before} ${now}`;
  if (HAS_HOUR.test(b) && !HAS_DAY.test(b) && HAS_DAY.test(n) && !HAS_HOUR.test(n)) return `${now} ${before}`;
  return now;
}
