import type { ScoreParams, ScoreResult } from '../scorers/types.js';
import type { MeteredUsage } from './usage-meter.js';

/** One turn's verdict: every scorer's result, the turn's pass and weighted score, and the judges' usage. */
export interface TurnScore {
  scores: ScoreResult[];
  pass: boolean;
  score: number;
  judge: MeteredUsage;
}

/** What the runner needs from the scorers; built from SCORERS' scoreTurn by createTurnScorer. */
export type TurnScorer = (params: ScoreParams) => Promise<TurnScore>;
