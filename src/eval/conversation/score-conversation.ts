import type { JudgeExpectation } from '../golden-set/schema.js';
import type { JudgeScorer } from '../judge/create-judge-scorer.js';
import { emptyUsage, type JudgeUsage } from '../judge/usage.js';
import type { CustomScorer } from '../scorers/custom/contract.js';
import { runCustomScorer } from '../scorers/custom/run-custom-scorer.js';
import { aggregateTurn, unjudged, type ScorerWeights } from '../scorers/score-turn.js';
import type { ScoreResult } from '../scorers/types.js';
import { ConversationTranscriptSchema, type ConversationTranscript } from './transcript.js';

export interface ScoreConversationOptions {
  /** Every customer message and agent reply, oldest first (and the goal, when known). */
  transcript: ConversationTranscript;
  /** Conversation rubrics (judges/*.md with scope: conversation) to run, by name. */
  rubrics?: readonly JudgeExpectation[];
  /** Runs the rubrics; without one they are reported as skipped. */
  judge?: JudgeScorer;
  /** Custom scorers; only the conversation-scope ones run here. */
  scorers?: readonly CustomScorer[];
  weights?: Partial<ScorerWeights>;
  signal?: AbortSignal;
}

export interface ConversationScore {
  /** judge:<rubric> and custom:<name> results, rubrics first, in the order given. */
  scores: ScoreResult[];
  /** Every scorer that ran passed (skipped ones neither pass nor fail it). */
  pass: boolean;
  /** Weighted mean of the scores that ran (1 when none ran). */
  score: number;
  judgeUsage: JudgeUsage;
}

/**
 * Scores a whole conversation: with no golden-set case needed, so a simulated conversation or
 * one read off a deployed bot is scored the same way as a golden-set run. Never throws for a
 * judge or scorer failure: those are error results.
 *
 *   const { scores, pass } = await scoreConversation({
 *     transcript: { turns: [{ role: 'customer', text: 'hola' }, { role: 'agent', text: '¡Hola!' }] },
 *     rubrics: ['reached-visit', 'stayed-in-role'],
 *     judge: createJudgeScorer({ runtime, rubrics: loadRubrics(), prices: config.prices }),
 *   });
 */
export async function scoreConversation(options: ScoreConversationOptions): Promise<ConversationScore> {
  const transcript = ConversationTranscriptSchema.parse(options.transcript);
  const scores: ScoreResult[] = [];
  let judgeUsage = emptyUsage();
  const rubrics = options.rubrics ?? [];
  if (rubrics.length > 0) {
    if (options.judge) {
      const judged = await options.judge.scoreConversation(
        { turns: transcript.turns, goal: transcript.goal },
        rubrics,
        options.signal,
      );
      scores.push(...judged.scores);
      judgeUsage = judged.usage;
    } else {
      scores.push(...unjudged(rubrics));
    }
  }
  for (const scorer of options.scorers ?? []) {
    if (scorer.scope === 'conversation') scores.push(await runCustomScorer(scorer, transcript));
  }
  return { scores, ...aggregateTurn(scores, options.weights), judgeUsage };
}
