import type { ScoreParams } from '../scorers/types.js';
import type { TurnScore } from '../scorers/score-turn.js';

/**
 * What the runner needs from the scorers: one turn in, its scores, pass, weighted score and the
 * judges' usage out. Built from SCORERS' scoreTurn with the run's weights and judge.
 */
export type TurnScorer = (params: ScoreParams, signal?: AbortSignal) => Promise<TurnScore>;
