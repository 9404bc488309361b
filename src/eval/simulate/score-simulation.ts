import type { ConversationScore } from '../conversation/score-conversation.js';
import { emptyUsage } from '../judge/usage.js';
import { aggregateTurn, type ScorerWeights } from '../scorers/score-turn.js';
import type { ScoreResult } from '../scorers/types.js';
import type { Exchange } from './customer.js';
import type { Persona } from './persona.js';
import { reachedSuccess } from './scripted-customer.js';
import type { Simulation } from './simulation-schema.js';

export interface ConversationToScore {
  persona: Persona;
  transcript: readonly Exchange[];
  ended: Simulation['ended'];
  reason: string;
}

/**
 * persona:goal — the customer said it reached its goal, and (when the persona names them) one
 * of the agent's replies has the words its success needs: a model customer's word alone is not
 * taken for a booked visit.
 */
export function scorePersonaGoal(conversation: ConversationToScore): ScoreResult {
  const { persona, transcript, ended, reason } = conversation;
  const scorer = 'persona:goal';
  if (ended !== 'goal') {
    const how =
      ended === 'max-turns'
        ? `ran out of turns (${transcript.length})`
        : ended === 'gave-up'
          ? 'gave up'
          : 'could not go on';
    return { scorer, pass: false, score: 0, reason: `the customer ${how}: ${reason}` };
  }
  if (!reachedSuccess(persona, transcript)) {
    const words = persona.success.agentMentions?.join('", "') ?? '';
    return {
      scorer,
      pass: false,
      score: 0,
      reason: `the customer called it done, but no agent reply says "${words}" (${persona.success.description})`,
    };
  }
  return { scorer, pass: true, score: 1, reason: `goal reached: ${reason}` };
}

/**
 * The whole-conversation verdict of a simulated case: the persona's goal first, then the
 * conversation rubrics and custom scorers (scoreConversation's), weighed together.
 */
export function withPersonaGoal(
  goal: ScoreResult,
  rubrics: ConversationScore | null,
  weights?: Partial<ScorerWeights>,
): ConversationScore {
  const scores = [goal, ...(rubrics?.scores ?? [])];
  return {
    scores,
    ...aggregateTurn(scores, weights),
    judgeUsage: rubrics?.judgeUsage ?? emptyUsage(),
  };
}
