import { foldWords } from './normalize.js';

export type WrittenLanguage = 'es' | 'en';

/**
 * Words that carry a sentence's grammar and belong to one language only: articles, pronouns,
 * auxiliaries, question words, prepositions. Content words are left out on purpose ("auto",
 * "model", "price" and car names appear in both), so the reading rests on how the sentence is
 * built, not on what it is about.
 */
const ENGLISH = new Set(
  (
    'the a an is are was were be been am do does did have has had i im me my mine you your yours ' +
    'we our us they their it its this that these those what which who whom whose how why when ' +
    'where there here of to for from with without about into on at by and or but not no yes ' +
    'can could would should will shall may might must any some much many more less than ' +
    'please thanks thank hi hello hey looking want need like get got buy sell show tell give ' +
    'just also very too ok okay sure if so then only per each under over below above around ' +
    'between after before one ones'
  ).split(' '),
);

const SPANISH = new Set(
  (
    'el la los las un una unos unas es son esta estan era fue ser soy eres somos tengo tiene ' +
    'tienes tienen tenemos hay yo tu usted ustedes nosotros mi mis su sus me te se le les lo ' +
    'que q k cual cuales quien como cuando donde cuanto cuanta cuantos cuantas porque xq por ' +
    'para con sin sobre entre hasta desde de del al en y o pero no si mas menos muy tambien ya ' +
    'quiero quisiera busco necesito ocupo puedo puede podria gracias hola buenas buenos ' +
    'favor porfa oye pues entonces algo alguno alguna este ese esa esto eso aqui alla'
  ).split(' '),
);

/** Every function word of either language: grammar, never a car's name. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([...ENGLISH, ...SPANISH]);

/** Words that are the same in both ("no", "a") count for neither. */
const SHARED = new Set([...ENGLISH].filter((word) => SPANISH.has(word)));

/** How many more English function words than Spanish ones make a message English. */
const MIN_ENGLISH_LEAD = 2;

/**
 * The language a message is written in, read from its function words: `null` when it is too
 * short or too mixed to tell ("ok", "10am", "Corolla 2020?"), so the caller keeps the language
 * of the conversation so far.
 */
export function detectLanguage(text: string): WrittenLanguage | null {
  let english = 0;
  let spanish = 0;
  for (const word of foldWords(text.replace(/['’]/g, '')).split(' ')) {
    if (SHARED.has(word)) continue;
    if (ENGLISH.has(word)) english++;
    else if (SPANISH.has(word)) spanish++;
  }
  if (english >= MIN_ENGLISH_LEAD && english >= spanish * 3) return 'en';
  if (spanish >= 1 && spanish >= english) return 'es';
  return null;
}
