import type { TurnExpectation } from '../golden-set/schema.js';
import type { TurnScorer } from '../runner/turn-scorer.js';
import { aggregateTurn, type ScorerWeights } from '../scorers/score-turn.js';
import type { ScoreResult } from '../scorers/types.js';

export const NOT_MEASURED = 'not measured against a target';

/**
 * Against a deployed bot only the replies are seen: the scorers that read the pipeline's
 * internals (detected intents, the tools' facts, which per-turn judges are shown too) are
 * reported as skipped, never failed; the reply scorers and conversation rubrics run as usual.
 */
export function replyOnlyTurnScorer(scoreTurn: TurnScorer, weights: Partial<ScorerWeights> = {}): TurnScorer {
  return async (params, signal) => {
    const { intents, facts, judges, ...replyOnly } = params.expect;
    const unmeasured: ScoreResult[] = [
      ...(intents !== undefined ? ['intents'] : []),
      ...(facts !== undefined && facts !== false ? ['facts'] : []),
      ...(judges ?? []).map((j) => `judge:${typeof j === 'string' ? j : j.name}`),
    ].map((scorer) => ({ scorer, pass: false, score: 0, reason: NOT_MEASURED, skipped: true }));
    const expect: TurnExpectation = replyOnly;
    const base = await scoreTurn({ ...params, expect }, signal);
    const scores = [...base.scores, ...unmeasured];
    return { ...base, scores, ...aggregateTurn(scores, weights) };
  };
}
