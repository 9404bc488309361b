import type { PersonaStyle } from './persona.js';

/**
 * How a persona writes, applied to a clean Spanish message: the offline customer's moves are
 * written properly once and rendered here the way that customer types on WhatsApp. Every
 * transform draws from the conversation's seeded random, so a seed gives the same text.
 */
export function applyStyle(message: string, style: PersonaStyle, random: () => number): string {
  let text = message;
  if (style.abbreviations) text = replaceWords(text, ABBREVIATIONS);
  if (style.slang) text = addSlang(replaceWords(text, SLANG), random);
  if (style.typos > 0) text = addTypos(text, style.typos, random);
  if (style.lowercase) text = text.toLowerCase().replace(/[¿¡]/g, '');
  if (!style.accents) text = stripAccents(text);
  if (style.emojis !== 'none') text = addEmojis(text, style.emojis, random);
  return text.replace(/\s{2,}/g, ' ').trim();
}

/** Without accents, ñ or the opening ¿ ¡, as on a phone with autocorrect off. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').replace(/[¿¡]/g, '');
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bpor ?qu[eé]\b/gi, 'xq'],
  [/\bpor favor\b/gi, 'plis'],
  [/\btambi[eé]n\b/gi, 'tmb'],
  [/\bqu[eé]\b/gi, 'q'],
  [/\bpara\b/gi, 'pa'],
  [/\bestá\b/gi, 'sta'],
];

const SLANG: readonly [RegExp, string][] = [
  [/\bpor favor\b/gi, 'porfa'],
  [/\bahora\b/gi, 'ahorita'],
  [/\btrabajo\b/gi, 'chamba'],
  [/\bdinero\b/gi, 'lana'],
  [/\bde acuerdo\b/gi, 'sale'],
  [/\bmuy bien\b/gi, 'chido'],
];

const SLANG_OPENERS = ['oye', 'qué onda', 'a ver', 'oiga'];
const SLANG_CLOSERS = ['neta', 'va', 'sale', 'porfa'];

function replaceWords(text: string, table: readonly [RegExp, string][]): string {
  return table.reduce((out, [pattern, word]) => out.replace(pattern, word), text);
}

/** Every other message starts or ends with a filler ("oye …", "… porfa"). */
function addSlang(text: string, random: () => number): string {
  const roll = random();
  if (roll < 0.3) return `${pick(SLANG_OPENERS, random)} ${lowerFirst(text)}`;
  if (roll < 0.6) return `${text.replace(/[.!]$/, '')} ${pick(SLANG_CLOSERS, random)}`;
  return text;
}

/**
 * A slip of the thumb in a share of the longer words: two letters swapped, one dropped or one
 * doubled. Words with digits or capitals (prices, car names) are left alone so the test stays
 * about the agent's reading of Spanish, not a guessing game over a model name.
 */
function addTypos(text: string, rate: number, random: () => number): string {
  return text.replace(/\p{L}{5,}/gu, (word) => {
    if (/\p{Lu}/u.test(word) || random() >= rate) return word;
    const at = 1 + Math.floor(random() * (word.length - 2));
    const kind = random();
    if (kind < 0.4) return word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
    if (kind < 0.7) return word.slice(0, at) + word.slice(at + 1);
    return word.slice(0, at) + word[at]! + word.slice(at);
  });
}

const EMOJIS = ['🙏', '😅', '👍', '🚗', '😁', '🤔', '🙌', '😬'];

function addEmojis(text: string, amount: 'few' | 'many', random: () => number): string {
  if (amount === 'few') return random() < 0.4 ? `${text} ${pick(EMOJIS, random)}` : text;
  const count = 1 + Math.floor(random() * 2);
  return `${text} ${Array.from({ length: count }, () => pick(EMOJIS, random)).join('')}`;
}

export function pick<T>(options: readonly T[], random: () => number): T {
  return options[Math.floor(random() * options.length)]!;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
