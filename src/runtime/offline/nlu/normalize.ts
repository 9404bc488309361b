import { fold } from '../../../tools/text/normalize.js';
import { wordTable } from '../../../tools/text/word-table.js';

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

/**
 * The text being normalised as two parallel lists: each character (a UTF-16 unit) and the index
 * in the original it came from. Lists of one-character strings and small integers, not an
 * object per character: normalize runs on every message and on the agent's long replies each
 * turn, and the objects were most of a turn's garbage.
 */
interface MappedText {
  chars: string[];
  ats: number[];
}

/** Emojis that carry a word customers would otherwise type. */
const EMOJI_WORDS = wordTable<string>({
  '👍': 'ok',
  '👌': 'ok',
  '✅': 'ok',
  '🚗': 'carro',
  '🚙': 'carro',
  '🚘': 'carro',
});

const KEPT_SYMBOLS = new Set(['$', '%', '#', '.', ',', ';', ':', '?', '!', '-', '+', '/', '(', ')']);
const ORDINAL_SIGNS = wordTable<string>({ º: 'o', '°': 'o', ª: 'a' });

/** Shorthand written as a whole word → its full form. */
const SHORTHAND = wordTable<string>({
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
});

export function normalize(message: string): NormalizedText {
  const original = message.normalize('NFC');
  let mapped = foldCharacters(original);
  mapped = squeezeStretchedLetters(mapped);
  mapped = expandShorthand(mapped);
  mapped = collapseSpaces(mapped);
  return { original, text: mapped.chars.join(''), map: [...mapped.ats, original.length] };
}

function foldCharacters(original: string): MappedText {
  const chars: string[] = [];
  const ats: number[] = [];
  // By index rather than `for…of`, which makes an iterator result per code point.
  for (let at = 0; at < original.length;) {
    const size = original.codePointAt(at)! > 0xffff ? 2 : 1;
    const folded = foldCodePoint(size === 1 ? original[at]! : original.slice(at, at + 2));
    // One entry per UTF-16 unit, so an index of the joined text is an index of the lists (a
    // letter outside the BMP, "𝓱𝓸𝓵𝓪 q onda", put them out of step and crashed on the shorthand).
    for (let k = 0; k < folded.length; k++) {
      chars.push(folded[k]!);
      ats.push(at);
    }
    at += size;
  }
  return { chars, ats };
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

function isLowercaseLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code >= 97 && code <= 122;
}

function squeezeStretchedLetters({ chars, ats }: MappedText): MappedText {
  const out: MappedText = { chars: [], ats: [] };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    let runEnd = i;
    while (runEnd + 1 < chars.length && chars[runEnd + 1] === ch) runEnd++;
    const run = runEnd - i + 1;
    const keep = run >= 3 && isLowercaseLetter(ch) ? 1 : run;
    for (let k = 0; k < keep; k++) {
      out.chars.push(ch);
      out.ats.push(ats[i + k]!);
    }
    i = runEnd;
  }
  return out;
}

const WORD = /[a-z0-9]+/g;

function expandShorthand(mapped: MappedText): MappedText {
  const { chars, ats } = mapped;
  const text = chars.join('');
  const out: MappedText = { chars: [], ats: [] };
  let cursor = 0;
  WORD.lastIndex = 0;
  for (let word = WORD.exec(text); word; word = WORD.exec(text)) {
    const start = word.index;
    const end = start + word[0].length;
    const replacement = SHORTHAND[word[0]];
    if (!replacement || keepAsWritten(word[0], text, start, end)) continue;
    for (let k = cursor; k < start; k++) {
      out.chars.push(chars[k]!);
      out.ats.push(ats[k]!);
    }
    for (let k = 0; k < replacement.length; k++) {
      out.chars.push(replacement[k]!);
      out.ats.push(ats[Math.min(start + k, end - 1)]!);
    }
    cursor = end;
  }
  if (cursor === 0) return mapped;
  for (let k = cursor; k < chars.length; k++) {
    out.chars.push(chars[k]!);
    out.ats.push(ats[k]!);
  }
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

function collapseSpaces({ chars, ats }: MappedText): MappedText {
  const out: MappedText = { chars: [], ats: [] };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ' && (out.chars.length === 0 || out.chars[out.chars.length - 1] === ' ')) continue;
    out.chars.push(ch);
    out.ats.push(ats[i]!);
  }
  while (out.chars.length > 0 && out.chars[out.chars.length - 1] === ' ') {
    out.chars.pop();
    out.ats.pop();
  }
  return out;
}
