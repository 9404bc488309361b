import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';
import { wordTable } from '../../../tools/text/word-table.js';

const ORDINALS = wordTable<number>({
  primer: 1,
  primero: 1,
  primera: 1,
  first: 1,
  segundo: 2,
  segunda: 2,
  second: 2,
  tercer: 3,
  tercero: 3,
  tercera: 3,
  third: 3,
  cuarto: 4,
  cuarta: 4,
  fourth: 4,
  quinto: 5,
  quinta: 5,
  fifth: 5,
});
const ORDINAL = String.raw`primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|first|second|third|fourth|fifth`;
const LAST = String.raw`ultim[oa]|last`;
/** "la de en medio", "el de enmedio", "the middle one": the middle of an odd list. */
const MIDDLE =
  /\b(?:(?:el|la|the)\s+(?:de\s+)?(?:en\s*medio|enmedio|middle(?:\s+one)?)|(?:el|la)\s+del\s+(?:centro|medio))\b/;
const NOUN = String.raw`opcion|carro|auto|coche|camioneta|nave|one|option`;

/** "el segundo", "la 2", "opción 3", "el último", "the second one": a position in the last list shown. */
const PICK_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:el|la|los|las|del|al|de\s+la|a\s+la|the)\s+(${ORDINAL}|${LAST}|penultim[oa])\b`),
  new RegExp(String.raw`(?<!\b(?:mi|tu|su|nuestro)\s)\b(${ORDINAL}|${LAST})\s+(?:${NOUN})\b`),
  /\b(?:opcion|numero|num|option|number|#)\s*#?\s*(\d)\b(?!\s*(anos|meses|mil|%|km))/,
  /\b(?:el|la|del|de\s+la)\s+(\d)\b(?!\s*(anos|ano|meses|mes|mil|k|%|km|por|de\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)|pm|am|hrs))(?![.,]\d)/,
  /(?:^|\s)(\d)(?:ro|do|ra|da|er|to|ta|o|a)\b/,
];

export interface PickMention extends Span {
  /** 1-based position. */
  pick: number;
}

/** `listLength` resolves "el último" (the profile's last list, else 3: the catalog shows three). */
export function findPick(text: string, listLength: number): PickMention | null {
  const middle = listLength % 2 === 1 && listLength > 1 ? findAll(text, MIDDLE)[0] : undefined;
  if (middle) return { start: middle.start, end: middle.end, pick: (listLength + 1) / 2 };
  for (const pattern of PICK_PATTERNS) {
    const hit = findAll(text, pattern)[0];
    if (!hit) continue;
    const word = hit.match[1]!;
    const pick = /^\d$/.test(word)
      ? Number(word)
      : /^(ultim|last)/.test(word)
        ? listLength
        : /^penultim/.test(word)
          ? Math.max(1, listLength - 1)
          : (ORDINALS[word] ?? null);
    if (pick !== null && pick >= 1 && pick <= 10) return { start: hit.start, end: hit.end, pick };
  }
  return null;
}

/** "más barato", "algo más económico", "cheaper": cheaper than the cars just shown. */
const CHEAPER =
  /\b(mas\s+(barat[oa]s?|economic[oa]s?|accesibles?|baratit[oa]s?)|menos\s+car[oa]s?|de\s+menor\s+precio|precio\s+mas\s+bajo|cheaper|less\s+expensive)\b/;

export function findCheaper(text: string): Span | null {
  const hit = findAll(text, CHEAPER)[0];
  return hit ? { start: hit.start, end: hit.end } : null;
}
