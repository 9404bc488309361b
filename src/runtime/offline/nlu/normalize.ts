import { fold } from '../../../tools/text/normalize.js';

/**
 * WhatsApp Spanish → one matching form: lowercase, no accents (ñ → n), emojis dropped, letters
 * stretched for emphasis squeezed ("holaaa" → "hola"), chat shorthand expanded ("q" → "que"),
 * spaces collapsed. Every rule downstream is written against this form. An index map back to the
 * message lets a few entities ("mañana a las 5", names) be returned as the customer wrote them.
 */
export interface NormalizedText {
  /** The message as received (NFC). */
  readonly original: string;
  readonly text: string;
  /** For each index of `text` (and one past its end), the index in `original` it came from. */
  readonly map: readonly number[];
}

interface MappedChar {
  ch: string;
  at: number;
}

/** Emojis that carry a word customers would otherwise type. */
const EMOJI_WORDS: Record<string, string> = {
  '👍': 'ok',
  '👌': 'ok',
  '✅': 'ok',
  '🚗': 'carro',
  '🚙': 'carro',
  '🚘': 'carro',
};

const KEPT_SYMBOLS = new Set(['$', '%', '#', '.', ',', ';', ':', '?', '!', '-', '+', '/', '(', ')']);
const ORDINAL_SIGNS: Record<string, string> = { º: 'o', '°': 'o', ª: 'a' };

/** Shorthand written as a whole word → its full form. */
const SHORTHAND: Record<string, string> = {
  q: 'que',
  k: 'que',
  ke: 'que',
  xq: 'porque',
  xk: 'porque',
  pq: 'porque',
  porq: 'porque',
  x: 'por',
  d: 'de',
  pa: 'para',
  pal: 'para el',
  tmb: 'tambien',
  tmbn: 'tambien',
  tb: 'tambien',
  xfa: 'por favor',
  xfavor: 'por favor',
  porfa: 'por favor',
  porfis: 'por favor',
  pls: 'por favor',
  plis: 'por favor',
  kiero: 'quiero',
  kisiera: 'quisiera',
  qisiera: 'quisiera',
  kiere: 'quiere',
  bscando: 'buscando',
  buscndo: 'buscando',
  bsco: 'busco',
  oie: 'oye',
  kero: 'quiero',
  qiero: 'quiero',
  ola: 'hola',
  wenas: 'buenas',
  wenos: 'buenos',
  weno: 'bueno',
  bno: 'bueno',
  nesecito: 'necesito',
  nesesito: 'necesito',
  nececito: 'necesito',
  kuanto: 'cuanto',
  qanto: 'cuanto',
  cnto: 'cuanto',
  dnd: 'donde',
  dnde: 'donde',
  stoy: 'estoy',
  aver: 'a ver',
  info: 'informacion',
  grax: 'gracias',
  grs: 'gracias',
  bn: 'bien',
  tons: 'entonces',
  nel: 'no',
  simon: 'si',
  sip: 'si',
  zi: 'si',
  okey: 'ok',
  oki: 'ok',
  okis: 'ok',
  okay: 'ok',
  vdd: 'verdad',
  kms: 'km',
  kilometros: 'km',
  kilometro: 'km',
  klm: 'km',
  klms: 'km',
  ps: 'pues',
  pos: 'pues',
  nomas: 'nada mas',
  crdito: 'credito',
  finansiamiento: 'financiamiento',
  financiamento: 'financiamiento',
  enganchee: 'enganche',
  engache: 'enganche',
  engancahe: 'enganche',
  finansiar: 'financiar',
  finanziar: 'financiar',
  kon: 'con',
  anios: 'anos',
  anio: 'ano',
};

export function normalize(message: string): NormalizedText {
  const original = message.normalize('NFC');
  let chars: MappedChar[] = [];
  let at = 0;
  for (const codePoint of original) {
    for (const ch of foldCodePoint(codePoint)) chars.push({ ch, at });
    at += codePoint.length;
  }
  chars = squeezeStretchedLetters(chars);
  chars = expandShorthand(chars);
  chars = collapseSpaces(chars);
  return {
    original,
    text: chars.map((c) => c.ch).join(''),
    map: [...chars.map((c) => c.at), original.length],
  };
}

/** The customer's own text for a span of the normalised text. */
export function originalSlice(normalized: NormalizedText, start: number, end: number): string {
  const from = normalized.map[start] ?? normalized.original.length;
  const to = normalized.map[end] ?? normalized.original.length;
  return normalized.original
    .slice(from, to)
    .trim()
    .replace(/[\s,.;:!?¿¡]+$/u, '');
}

function foldCodePoint(codePoint: string): string {
  // Most of a message is plain a–z and digits: skip the lookups and the Unicode regex.
  if (codePoint.length === 1) {
    const code = codePoint.charCodeAt(0);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return codePoint;
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  }
  const emojiWord = EMOJI_WORDS[codePoint];
  if (emojiWord) return ` ${emojiWord} `;
  const ordinal = ORDINAL_SIGNS[codePoint];
  if (ordinal) return ordinal;
  if (/\p{L}/u.test(codePoint)) return fold(codePoint);
  if (/[0-9]/.test(codePoint)) return codePoint;
  if (KEPT_SYMBOLS.has(codePoint)) return codePoint;
  return ' ';
}

function squeezeStretchedLetters(chars: MappedChar[]): MappedChar[] {
  const out: MappedChar[] = [];
  for (let i = 0; i < chars.length; i++) {
    const current = chars[i]!;
    let runEnd = i;
    while (runEnd + 1 < chars.length && chars[runEnd + 1]!.ch === current.ch) runEnd++;
    const run = runEnd - i + 1;
    const isLetter = /[a-z]/.test(current.ch);
    const keep = isLetter && run >= 3 ? 1 : run;
    for (let k = 0; k < keep; k++) out.push(chars[i + k]!);
    i = runEnd;
  }
  return out;
}

function expandShorthand(chars: MappedChar[]): MappedChar[] {
  const text = chars.map((c) => c.ch).join('');
  const out: MappedChar[] = [];
  let cursor = 0;
  for (const word of text.matchAll(/[a-z0-9]+/g)) {
    const start = word.index;
    const end = start + word[0].length;
    const replacement = SHORTHAND[word[0]];
    if (!replacement || keepAsWritten(word[0], text, start, end)) continue;
    out.push(...chars.slice(cursor, start));
    for (let k = 0; k < replacement.length; k++) {
      out.push({ ch: replacement[k]!, at: chars[Math.min(start + k, end - 1)]!.at });
    }
    cursor = end;
  }
  out.push(...chars.slice(cursor));
  return out;
}

/** "300 k" is money, "4 x 4" is traction, "d.f." is Mexico City: leave those letters alone. */
function keepAsWritten(word: string, text: string, start: number, end: number): boolean {
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (word === 'k') return /\d\s*$/.test(before);
  if (word === 'x') return /\d\s*$/.test(before) && /^\s*\d/.test(after);
  if (word === 'd') return /^\s*\.?\s*f\b/.test(after);
  return false;
}

function collapseSpaces(chars: MappedChar[]): MappedChar[] {
  const out: MappedChar[] = [];
  for (const c of chars) {
    if (c.ch === ' ' && (out.length === 0 || out[out.length - 1]!.ch === ' ')) continue;
    out.push(c);
  }
  while (out.length > 0 && out[out.length - 1]!.ch === ' ') out.pop();
  return out;
}
