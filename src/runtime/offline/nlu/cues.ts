import type { CueRule } from './cue-rule.js';
import { CAR_RULES, FINANCING_RULES } from './rules-shopping.js';
import { INFO_RULES } from './rules-info.js';
import {
  GREETING_RULES,
  HAGGLE_RULES,
  OUT_OF_SCOPE_RULES,
  SALES_RULES,
  SOCIAL_RULES,
} from './rules-conversation.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';

export const ALL_RULES: readonly CueRule[] = [
  ...GREETING_RULES,
  ...CAR_RULES,
  ...FINANCING_RULES,
  ...INFO_RULES,
  ...SALES_RULES,
  ...HAGGLE_RULES,
  ...SOCIAL_RULES,
  ...OUT_OF_SCOPE_RULES,
];

export interface CueHit extends Span {
  rule: CueRule;
}

/** "no quiero crédito", "antes de comprarlo": the cue is turned down or put off, not asked for. */
const TURNED_DOWN =
  /\b(?:no|ni|tampoco)\s+(?:me\s+)?(?:interesa|quiero|necesito|busco|ocupo|requiero|voy\s+a|hace\s+falta)\s+(?:(?:el|la|un|una|ningun|ninguna|nada\s+de)\s+)?$|\bnada\s+de\s+$|\bantes\s+de\s+$/;
const HYPOTHETICAL = /\b(?:si|cuando|en\s+caso\s+de\s+que|if)\s+(?:ya\s+)?(?:(?:lo|la|le|me|se|te)\s+)?$/;
const NEGATABLE = new Set(['car_recommendation', 'financing', 'sales']);
/** How many words may come before a greeting ("oye hola", "ah, buenas tardes"). */
const GREETING_MAX_WORDS_BEFORE = 2;

export function findCues(text: string, rules: readonly CueRule[] = ALL_RULES): CueHit[] {
  const hits: CueHit[] = [];
  for (const rule of rules) {
    for (const { start, end } of findAll(text, rule.pattern)) {
      if (rule.atStart && !onlyLeadInBefore(text, start)) continue;
      if (NEGATABLE.has(rule.intent) && TURNED_DOWN.test(text.slice(Math.max(0, start - 40), start)))
        continue;
      hits.push({ start, end, rule });
    }
  }
  return withoutHypotheticalSale(withoutHowTo(withoutCovered(hits)), text).sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
}

/**
 * A cue inside a longer cue of another intent is part of it: "necesito" in "¿qué necesito
 * para…?" is not a car search, "sucursal" in "ir a la sucursal" is a visit. The same for a
 * knowledge topic inside a longer one: "intereses" in "meses sin intereses" is not the rate.
 */
function withoutCovered(hits: readonly CueHit[]): CueHit[] {
  return hits.filter(
    (hit) =>
      !hits.some(
        (other) =>
          (other.rule.intent !== hit.rule.intent ||
            (hit.rule.intent === 'kavak_info' && other.rule.topic !== hit.rule.topic)) &&
          other.start <= hit.start &&
          other.end >= hit.end &&
          other.end - other.start > hit.end - hit.start,
      ),
  );
}

/**
 * "Si lo compro y no me gusta, ¿lo regreso?" imagines the purchase to ask about a policy: no sale
 * is asked for. Only next to a question about Kavak: a bare "si lo quiero" is a yes.
 */
function withoutHypotheticalSale(hits: readonly CueHit[], text: string): CueHit[] {
  if (!hits.some((h) => h.rule.intent === 'kavak_info')) return [...hits];
  return hits.filter(
    (h) => h.rule.intent !== 'sales' || !HYPOTHETICAL.test(text.slice(Math.max(0, h.start - 20), h.start)),
  );
}

/** "¿Ustedes compran autos? ¿cómo le hago?": the "how" is about selling, not a topic of its own. */
function withoutHowTo(hits: readonly CueHit[]): CueHit[] {
  const namesTopic = hits.some((h) => h.rule.intent === 'kavak_info' && h.rule.topic && !h.rule.howTo);
  const sellsOwnCar = hits.some((h) => h.rule.intent === 'kavak_info' && h.rule.ownCar);
  return hits.filter((h) => !(namesTopic && h.rule.howTo) && !(sellsOwnCar && h.rule.paying));
}

/**
 * A greeting opens the message, after at most a couple of lead-in words ("oye hola"). A car named
 * before it makes it a question about that car: "el 2021 ¿qué tal?" asks how the 2021 one is.
 */
function onlyLeadInBefore(text: string, position: number): boolean {
  const before = text.slice(0, position).match(/[a-z0-9]+/g) ?? [];
  return before.length <= GREETING_MAX_WORDS_BEFORE && !before.some((word) => NAMES_A_THING.test(word));
}
const NAMES_A_THING = /^(?:\d+|el|la|los|las|ese|esa|este|esta|the|that|this)$/;
