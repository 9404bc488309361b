import type { TurnScorer } from '../../runner/turn-scorer.js';
import { aggregateTurn, type ScorerWeights } from '../score-turn.js';
import type { CustomScorer } from './contract.js';
import { runCustomScorer } from './run-custom-scorer.js';

/** The built-in turn scorer, then every turn-scope custom scorer the case does not skip. */
export function withCustomTurnScorers(
  scoreTurn: TurnScorer,
  scorers: readonly CustomScorer[],
  weights: Partial<ScorerWeights> = {},
): TurnScorer {
  const perTurn = scorers.filter((scorer) => scorer.scope === 'turn');
  if (perTurn.length === 0) return scoreTurn;
  return async (params, signal) => {
    const base = await scoreTurn(params, signal);
    const skipped = new Set(params.goldenCase.skipScorers ?? []);
    const custom = [];
    for (const scorer of perTurn) {
      if (!skipped.has(scorer.name)) custom.push(await runCustomScorer(scorer, params));
    }
    const scores = [...base.scores, ...custom];
    return { ...base, scores, ...aggregateTurn(scores, weights) };
  };
}
