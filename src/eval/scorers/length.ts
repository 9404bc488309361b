import { describeUnreadable, findUnreadable } from '../../core/unreadable-text.js';
import type { ScoreParams, ScoreResult } from './types.js';

/**
 * Reply length in characters within min/max; the score falls off with the distance. A reply
 * with unreadable characters fails: its length is not what the customer reads.
 */
export function scoreLength(params: ScoreParams): ScoreResult {
  const { min, max } = params.expect.length ?? {};
  const length = params.reply.length;
  const unreadable = findUnreadable(params.reply);
  if (unreadable.length > 0) {
    return {
      scorer: 'length',
      pass: false,
      score: 0,
      reason: `unreadable characters: ${describeUnreadable(unreadable)}; ${length} characters, but not what a customer reads`,
    };
  }
  if (min !== undefined && length < min) {
    return {
      scorer: 'length',
      pass: false,
      score: min === 0 ? 0 : length / min,
      reason: `too short: ${length} characters, expected at least ${min}`,
    };
  }
  if (max !== undefined && length > max) {
    return {
      scorer: 'length',
      pass: false,
      score: max / length,
      reason: `too long: ${length} characters, expected at most ${max}`,
    };
  }
  const range = `${min ?? 0}–${max ?? '∞'}`;
  return { scorer: 'length', pass: true, score: 1, reason: `${length} characters (expected ${range})` };
}
