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
 * Whole-conversation scorers a simulated case is held to besides its per-turn ones. The seam
 * for the conversation rubrics (judges/ with `scope: conversation`): each returns the
 * built-in contract, { scorer, pass, score, reason }.
 */
export type ConversationScorer = (
  conversation: ConversationToScore,
  signal?: AbortSignal,
) => Promise<ScoreResult[]>;

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
        ? `ran out of its ${persona.maxTurns} turns`
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

/** The persona's goal, then every extra conversation scorer (none until rubrics are wired in). */
export async function scoreSimulation(
  conversation: ConversationToScore,
  extra: readonly ConversationScorer[] = [],
  signal?: AbortSignal,
): Promise<ScoreResult[]> {
  const scores = [scorePersonaGoal(conversation)];
  for (const scorer of extra) scores.push(...(await scorer(conversation, signal)));
  return scores;
}
