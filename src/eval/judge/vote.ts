import type { Verdict } from './verdict.js';

/**
 * Below this agreement the majority is reported as uncertain. Ties (1/1, 2/2) are always
 * uncertain; 2 of 3 (0.67) is a clear majority; 3 of 5 (0.6) is the lowest clear majority.
 */
export const UNCERTAIN_BELOW = 0.6;

/** One judge call: a verdict (passing or not against the threshold) or why there is none. */
export type SampleOutcome =
  | { kind: 'verdict'; verdict: Verdict; pass: boolean }
  | { kind: 'malformed'; error: string }
  | { kind: 'error'; error: string };

export interface Vote {
  pass: boolean;
  passVotes: number;
  samples: number;
  /** Share of samples on the majority side (0.5–1). */
  agreement: number;
  uncertain: boolean;
  /** Mean score of the valid verdicts (0 when none). */
  score: number;
}

/**
 * Majority of N samples. A sample without a valid verdict votes fail: a malformed verdict is
 * never a pass. A tie fails and is uncertain.
 */
export function majorityVote(outcomes: readonly SampleOutcome[]): Vote {
  const samples = outcomes.length;
  const verdicts = outcomes.flatMap((outcome) => (outcome.kind === 'verdict' ? [outcome] : []));
  const passVotes = verdicts.filter((outcome) => outcome.pass).length;
  const majority = Math.max(passVotes, samples - passVotes);
  const agreement = samples === 0 ? 0 : majority / samples;
  return {
    pass: passVotes * 2 > samples,
    passVotes,
    samples,
    agreement,
    uncertain: passVotes * 2 === samples || agreement < UNCERTAIN_BELOW,
    score:
      verdicts.length === 0
        ? 0
        : verdicts.reduce((sum, outcome) => sum + outcome.verdict.score, 0) / verdicts.length,
  };
}
