import type { JudgeExpectation, TurnExpectation } from '../golden-set/schema.js';
import type { JudgeScorer } from '../judge/create-judge-scorer.js';
import { emptyUsage, type JudgeUsage } from '../judge/usage.js';
import { SCORERS, type LocalScorerType } from './registry.js';
import { SCORER_TYPES, type ScoreParams, type ScoreResult, type ScorerType } from './types.js';

export type ScorerWeights = Record<ScorerType, number>;

/** Facts weigh most (an invented price is the worst failure), format and length least. */
export const DEFAULT_WEIGHTS: ScorerWeights = {
  keywords: 1,
  length: 0.5,
  intents: 1,
  facts: 2,
  whatsapp: 0.5,
  judge: 1,
};

export interface ScoreTurnOptions {
  weights?: Partial<ScorerWeights>;
  /** Without one, judge expectations are reported as skipped. */
  judge?: JudgeScorer;
  signal?: AbortSignal;
}

export interface TurnScore {
  scores: ScoreResult[];
  /** Every scorer that ran passed (skipped ones neither pass nor fail the turn). */
  pass: boolean;
  /** Weighted mean of the scores that ran (1 when none ran). */
  score: number;
  judgeUsage: JudgeUsage;
}

/**
 * When a turn's expectation asks for each local scorer; whatsapp runs unless turned off. A record,
 * so a new scorer without a rule does not compile.
 */
export const SCORER_WANTED: Record<LocalScorerType, (expect: TurnExpectation) => boolean> = {
  keywords: (expect) => expect.keywords !== undefined,
  length: (expect) => expect.length !== undefined,
  intents: (expect) => expect.intents !== undefined,
  facts: (expect) => expect.facts !== undefined && expect.facts !== false,
  whatsapp: (expect) => expect.whatsapp !== false,
};

const LOCAL_SCORER_TYPES = SCORER_TYPES.filter((type): type is LocalScorerType => type !== 'judge');

/** The scorers a turn's expectation asks for, in SCORER_TYPES order. */
export function scorersFor(expect: TurnExpectation): LocalScorerType[] {
  return LOCAL_SCORER_TYPES.filter((type) => SCORER_WANTED[type](expect));
}

/** "judge:tone" → judge. */
export function scorerTypeOf(result: ScoreResult): ScorerType {
  const type = result.scorer.split(':')[0] ?? '';
  return (SCORER_TYPES as readonly string[]).includes(type) ? (type as ScorerType) : 'judge';
}

export async function scoreTurn(params: ScoreParams, options: ScoreTurnOptions = {}): Promise<TurnScore> {
  const scores: ScoreResult[] = [];
  for (const type of scorersFor(params.expect)) scores.push(await runScorer(type, params));
  let judgeUsage = emptyUsage();
  const judges = params.expect.judges ?? [];
  if (judges.length > 0) {
    if (options.judge) {
      const judged = await options.judge.scoreTurn(params, judges, options.signal);
      scores.push(...judged.scores);
      judgeUsage = judged.usage;
    } else {
      scores.push(...unjudged(judges));
    }
  }
  return { scores, ...aggregateTurn(scores, options.weights), judgeUsage };
}

/** Judge expectations with no judge to run them: shown as skipped, never passed. */
export function unjudged(judges: readonly JudgeExpectation[]): ScoreResult[] {
  return judges.map((expectation) => ({
    scorer: `judge:${typeof expectation === 'string' ? expectation : expectation.name}`,
    pass: false,
    score: 0,
    reason: 'no judge configured',
    skipped: true,
  }));
}

/** Pass and weighted score from a turn's results (also for --rescore with new weights). */
export function aggregateTurn(
  scores: readonly ScoreResult[],
  weights: Partial<ScorerWeights> = {},
): { pass: boolean; score: number } {
  const ran = scores.filter((result) => !result.skipped);
  const weightOf = (result: ScoreResult) =>
    weights[scorerTypeOf(result)] ?? DEFAULT_WEIGHTS[scorerTypeOf(result)];
  const total = ran.reduce((sum, result) => sum + weightOf(result), 0);
  const score =
    total === 0 ? 1 : ran.reduce((sum, result) => sum + weightOf(result) * result.score, 0) / total;
  return { pass: ran.every((result) => result.pass), score };
}

/** A case passes when every turn passes; its score is the mean of its turns'. */
export function scoreCase(turns: readonly { pass: boolean; score: number }[]): {
  pass: boolean;
  score: number;
} {
  if (turns.length === 0) return { pass: false, score: 0 };
  return {
    pass: turns.every((turn) => turn.pass),
    score: turns.reduce((sum, turn) => sum + turn.score, 0) / turns.length,
  };
}

async function runScorer(type: LocalScorerType, params: ScoreParams): Promise<ScoreResult> {
  try {
    return await SCORERS[type](params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      scorer: type,
      pass: false,
      score: 0,
      reason: `error: the ${type} scorer crashed: ${message}`,
      error: true,
    };
  }
}
