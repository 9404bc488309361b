import type { Entities } from '../../../core/intents/schema.js';

/** A follow-up is short: a long message starting with "y" says something of its own. */
const FOLLOW_UP_MAX_WORDS = 8;

/**
 * "¿Y cuánto cuesta?", "¿y si ya le metí 400 km?": a short question opened by "y" that names no
 * car, amount or person goes on with whatever the last answer was about.
 */
export function isFollowUp(text: string, e: Entities): boolean {
  const words = text.replace(/^[\s¿¡]+/, '').match(/[a-z0-9]+/g) ?? [];
  const carTalk =
    e.make ||
    e.model ||
    e.stockId ||
    e.pick !== null ||
    e.priceMax !== null ||
    e.cheaper ||
    e.sortBy ||
    e.customerName ||
    // "¿y con 70?" tunes the plan: an amount of its own, not a question about the last answer.
    e.downPaymentAmount !== null ||
    e.downPaymentPercent !== null ||
    e.monthlyPaymentTarget !== null ||
    e.downPaymentMinimum === true;
  return (words[0] === 'y' || words[0] === 'and') && words.length <= FOLLOW_UP_MAX_WORDS && !carTalk;
}
