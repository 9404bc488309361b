import type { MakeOrigin } from '../../../tools/catalog/make-origins.js';

const ORIGIN_WORDS: readonly [MakeOrigin, RegExp][] = [
  ['japanese', /\b(?:japones(?:a|es|as)?|japo|japanese)\b/],
  ['korean', /\b(?:corean[oa]s?|korean)\b/],
  ['german', /\b(?:aleman(?:a|es|as)?|german)\b/],
  ['american', /\b(?:american[oa]s?|gringo?s?|gringas?|american)\b/],
  ['chinese', /\b(?:chin[oa]s?|chinese)\b/],
  ['french', /\b(?:frances(?:a|es|as)?|french)\b/],
  ['european', /\b(?:europe[oa]s?|european)\b/],
];
/** "nada chino", "que no sea coreano": an origin turned down is no filter. */
const TURNED_DOWN = /\b(?:nada|no|ni|menos|sin|not|no\s+(?:sea|sean|quiero))\s+(?:\w+\s+)?$/;

/** "algo japonés confiable", "un coreano", "european cars": makes of one origin. */
export function findMakeOrigin(text: string): MakeOrigin | null {
  for (const [origin, pattern] of ORIGIN_WORDS) {
    const hit = pattern.exec(text);
    if (hit && !TURNED_DOWN.test(text.slice(0, hit.index))) return origin;
  }
  return null;
}
