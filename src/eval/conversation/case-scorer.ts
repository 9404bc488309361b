import type { LoadedCase } from '../golden-set/schema.js';
import type { JudgeScorer } from '../judge/create-judge-scorer.js';
import type { CaseOutcome, TurnOutcome } from '../results/schema.js';
import type { CustomScorer } from '../scorers/custom/contract.js';
import type { ScorerWeights } from '../scorers/score-turn.js';
import { scoreConversation, type ConversationScore } from './score-conversation.js';
import { transcriptTurns } from './transcript.js';

/** Scores a finished case as a whole; null when the case asks for no conversation scorer. */
export type CaseScorer = (
  goldenCase: LoadedCase,
  turns: readonly TurnOutcome[],
  signal?: AbortSignal,
) => Promise<ConversationScore | null>;

export interface CaseScorerOptions {
  judge?: JudgeScorer;
  customScorers?: readonly CustomScorer[];
  weights?: Partial<ScorerWeights>;
}

/** The case's own judges and every conversation-scope custom scorer it does not skip. */
export function createCaseScorer(options: CaseScorerOptions): CaseScorer {
  return async (goldenCase, turns, signal) => {
    const skipped = new Set(goldenCase.skipScorers ?? []);
    const scorers = (options.customScorers ?? []).filter(
      (scorer) => scorer.scope === 'conversation' && !skipped.has(scorer.name),
    );
    const rubrics = goldenCase.judges ?? [];
    if (rubrics.length === 0 && scorers.length === 0) return null;
    return scoreConversation({
      transcript: {
        turns: transcriptTurns(turns),
        goal: goldenCase.goal,
        caseId: goldenCase.id,
        tags: goldenCase.tags,
      },
      rubrics,
      judge: options.judge,
      scorers,
      weights: options.weights,
      signal,
    });
  };
}

type Scored = Pick<CaseOutcome, 'status' | 'score' | 'turns' | 'conversationScores' | 'conversationJudge'>;

/**
 * A case with its conversation results: it passes only when its turns and its conversation
 * scorers pass; the conversation's score counts as one more turn in the case's mean.
 */
export function withConversationScore<T extends Scored>(
  outcome: T,
  conversation: ConversationScore | null,
): T {
  if (!conversation) return outcome;
  const failed = outcome.status === 'passed' && !conversation.pass ? 'failed' : outcome.status;
  const items = outcome.turns.length + 1;
  return {
    ...outcome,
    status: failed,
    score: (outcome.score * outcome.turns.length + conversation.score) / items,
    conversationScores: conversation.scores,
    conversationJudge: {
      inputTokens: conversation.judgeUsage.inputTokens,
      outputTokens: conversation.judgeUsage.outputTokens,
      costUsd: conversation.judgeUsage.costUsd,
    },
  };
}
