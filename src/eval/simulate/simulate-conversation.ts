import { abortScope } from '../../runtime/abort-scope.js';
import { newConversationId } from '../../core/ports/conversations.js';
import { rankCalls } from '../runner/resume-order.js';
import type { TurnOutcome } from '../results/schema.js';
import type { LoadedCase, TurnExpectation } from '../golden-set/schema.js';
import type { ScoreParams } from '../scorers/types.js';
import {
  describe,
  elapsed,
  turnOutcome,
  untilAborted,
  type CaseRun,
  type CaseRunDeps,
} from '../runner/run-case.js';
import { addUsage, emptyUsage } from '../judge/usage.js';
import type { CustomerPlayer, CustomerUsage, Exchange } from './customer.js';
import type { LoadedPersona } from './persona.js';
import { scorePersonaGoal, withPersonaGoal } from './score-simulation.js';
import { withConversationScore } from '../conversation/case-scorer.js';
import type { Simulation } from './simulation-schema.js';

/** Every simulated reply is checked for grounding (no invented price, car or branch) and WhatsApp format. */
export const SIMULATED_TURN_EXPECT: TurnExpectation = { facts: true };

export interface SimulationDeps extends CaseRunDeps {
  customer: CustomerPlayer;
  seed: number;
  maxTurns: number;
  /** The conversation rubrics and custom conversation scorers, as for a golden-set case. */
  caseOf: LoadedCase;
}

/**
 * One simulated conversation: the customer writes, the agent answers, each reply is scored as
 * a golden-set turn would be, until the customer reaches its goal, gives up, or runs out of
 * turns. Then the whole conversation is scored. A crash or a timeout ends it with status
 * 'error' and the turns so far; like runCase it never throws.
 */
export async function simulateConversation(
  persona: LoadedPersona,
  deps: SimulationDeps,
  onTurn: (turn: TurnOutcome) => void = () => {},
): Promise<CaseRun> {
  const started = performance.now();
  const scope = abortScope(deps.signal, { timeoutMs: deps.timeoutMs });
  const { signal } = scope;
  if (deps.rank !== undefined) rankCalls(signal, deps.rank);
  const goldenCase = deps.caseOf;
  const conversationId = newConversationId();
  const turns: TurnOutcome[] = [];
  const transcript: Exchange[] = [];
  let usage: CustomerUsage = emptyUsage();
  let ended: Simulation['ended'] = 'max-turns';
  let reason = `no verdict after ${deps.maxTurns} turns`;
  let closing: string | null = null;
  let crash: string | null = null;

  try {
    for (;;) {
      const move = await untilAborted(signal, () => deps.customer.next(transcript, signal));
      usage = addUsage(usage, move.usage);
      if (!move.ok) {
        [ended, reason, crash] = ['error', move.error, move.error];
        break;
      }
      if (move.turn.status !== 'continue') {
        ended = move.turn.status === 'goal_reached' ? 'goal' : 'gave-up';
        reason = move.turn.reason;
        closing = move.turn.message.trim() || null;
        break;
      }
      if (turns.length >= deps.maxTurns) break;
      const message = move.turn.message;
      const turn = await untilAborted(signal, async () => {
        const result = await deps.pipeline.runTurn({ message, conversationId, signal });
        const params: ScoreParams = {
          reply: result.reply,
          expect: SIMULATED_TURN_EXPECT,
          intents: result.intents,
          trace: result.trace,
          conversation: transcript.flatMap((e) => [
            { role: 'customer' as const, text: e.customer },
            { role: 'agent' as const, text: e.agent },
          ]),
          goldenCase,
          turnIndex: turns.length,
          tools: deps.pipeline.deps.tools,
        };
        const verdict = await deps.scoreTurn(params, signal);
        return turnOutcome(turns.length, { user: message, expect: SIMULATED_TURN_EXPECT }, result, verdict);
      });
      turns.push(turn);
      transcript.push({ customer: message, agent: turn.reply });
      onTurn(turn);
    }
  } catch (error) {
    const timedOut = signal.aborted && !deps.signal?.aborted;
    crash = timedOut
      ? `timed out after ${deps.timeoutMs} ms at turn ${turns.length + 1} (raise --case-timeout)`
      : describe(error);
    [ended, reason] = ['error', crash];
  } finally {
    scope.dispose();
  }

  const simulation: Simulation = {
    persona: persona.id,
    personaFile: persona.file,
    seed: deps.seed,
    ended,
    reason,
    closing,
    profile: {
      name: persona.name,
      goal: persona.goal,
      budget: persona.budget,
      city: persona.city,
      style: persona.style,
      maxTurns: deps.maxTurns,
    },
    customer: { runtime: deps.customer.runtime, model: deps.customer.model, ...usage },
  };
  const base = {
    id: goldenCase.id,
    title: goldenCase.title,
    file: goldenCase.file,
    tags: goldenCase.tags,
    turns,
    simulation,
  };
  if (crash !== null)
    return { ...base, status: 'error', error: crash, score: 0, latencyMs: elapsed(started) };
  const goal = scorePersonaGoal({ persona, transcript, ended, reason });
  let rubrics = null;
  try {
    rubrics = deps.scoreCase ? await deps.scoreCase(goldenCase, turns, deps.signal) : null;
  } catch (error) {
    return {
      ...base,
      status: 'error',
      error: `scoring the conversation failed: ${describe(error)}`,
      score: 0,
      latencyMs: elapsed(started),
    };
  }
  const turnsPass = turns.every((t) => t.pass);
  const turnMean = turns.length ? turns.reduce((n, t) => n + t.score, 0) / turns.length : 0;
  const byTurns: CaseRun = {
    ...base,
    status: turnsPass ? 'passed' : 'failed',
    error: null,
    score: turnMean,
    latencyMs: elapsed(started),
  };
  return withConversationScore(byTurns, withPersonaGoal(goal, rubrics));
}
