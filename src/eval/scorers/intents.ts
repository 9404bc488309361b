import type { IntentType } from '../../core/intents/schema.js';
import { intentsFallbackOf } from '../../core/trace/intents-fallback.js';
import type { ScoreParams, ScoreResult } from './types.js';

/**
 * Expected set vs detected set: score = Jaccard index, pass = the sets are equal. The
 * out_of_scope fallback (the intents call failed) is no detection: it never passes, not even
 * where out_of_scope is expected.
 */
export function scoreIntents(params: ScoreParams): ScoreResult {
  const fallback = intentsFallbackOf(params.trace);
  if (fallback) {
    return {
      scorer: 'intents',
      pass: false,
      score: 0,
      reason: `no detection: the intents call fell back to out_of_scope (${fallback.reason})`,
    };
  }
  const expected = new Set<IntentType>(params.expect.intents ?? []);
  const detected = new Set<IntentType>(params.intents.map((intent) => intent.type));
  const missing = [...expected].filter((type) => !detected.has(type));
  const extra = [...detected].filter((type) => !expected.has(type));
  const union = new Set([...expected, ...detected]).size;
  const score = union === 0 ? 1 : (union - missing.length - extra.length) / union;
  const pass = missing.length === 0 && extra.length === 0;
  const show = (types: Iterable<IntentType>) => [...types].join(', ') || '(none)';
  return {
    scorer: 'intents',
    pass,
    score,
    reason: pass
      ? `detected ${show(detected)} as expected`
      : [
          missing.length ? `missing ${missing.join(', ')}` : '',
          extra.length ? `unexpected ${extra.join(', ')}` : '',
          `(expected ${show(expected)}; detected ${show(detected)})`,
        ]
          .filter(Boolean)
          .join('; '),
  };
}
