import { abortScope } from '../../runtime/abort-scope.js';
import { withConversationScore, type CaseScorer } from '../conversation/case-scorer.js';
import type { Pipeline } from '../../core/pipeline.js';
import type { LoadedCase } from '../golden-set/schema.js';
import type { CaseOutcome, TurnOutcome } from '../results/schema.js';
import type { ScoreParams } from '../scorers/types.js';
import { newConversationId } from '../../core/ports/conversations.js';
import { seedProfile } from './seed-profile.js';
import { rankCalls } from './resume-order.js';
import type { TurnScorer } from './turn-scorer.js';

export interface CaseRunDeps {
  pipeline: Pipeline;
  scoreTurn: TurnScorer;
  /** Scores the whole conversation once every turn is done (conversation rubrics, custom scorers). */
  scoreCase?: CaseScorer;
  timeoutMs: number;
  /** The whole run's signal (Ctrl-C). */
  signal?: AbortSignal;
  /** Its place in the run's plan (longest first): answers arriving together resume in this order. */
  rank?: number;
}

/** One case's outcome from one run (no repeats yet). */
export type CaseRun = Omit<CaseOutcome, 'repeats'>;

/**
 * Runs a case as one fresh conversation, turns in order, scoring each reply as it comes. A crash
 * or a timeout ends the case with status 'error' and the turns done so far; it never throws.
 */
export async function runCase(
  goldenCase: LoadedCase,
  deps: CaseRunDeps,
  onTurn: (turn: TurnOutcome) => void = () => {},
): Promise<CaseRun> {
  const started = performance.now();
  // Not AbortSignal.any with AbortSignal.timeout: on Node 20 a GC can cancel that timer (see abortScope).
  const scope = abortScope(deps.signal, { timeoutMs: deps.timeoutMs });
  const { signal } = scope;
  if (deps.rank !== undefined) rankCalls(signal, deps.rank);
  const timedOut = () => signal.aborted && !deps.signal?.aborted;
  const { conversations } = deps.pipeline.deps;
  const conversationId = newConversationId();
  const turns: TurnOutcome[] = [];
  const base = { id: goldenCase.id, title: goldenCase.title, file: goldenCase.file, tags: goldenCase.tags };

  try {
    if (goldenCase.profile) await seedProfile(conversations, conversationId, goldenCase.profile);
    for (const [index, turn] of goldenCase.turns.entries()) {
      const outcome = await untilAborted(signal, async () => {
        const result = await deps.pipeline.runTurn({ message: turn.user, conversationId, signal });
        const params: ScoreParams = {
          reply: result.reply,
          expect: turn.expect,
          intents: result.intents,
          trace: result.trace,
          conversation: turns.flatMap((t) => [
            { role: 'customer' as const, text: t.user },
            { role: 'agent' as const, text: t.reply },
          ]),
          goldenCase,
          turnIndex: index,
          tools: deps.pipeline.deps.tools,
        };
        const verdict = await deps.scoreTurn(params, signal);
        return turnOutcome(index, turn, result, verdict);
      });
      turns.push(outcome);
      onTurn(outcome);
    }
    const conversation = deps.scoreCase
      ? await untilAborted(signal, () => deps.scoreCase!(goldenCase, turns, signal))
      : null;
    return withConversationScore(finished(base, turns, started), conversation);
  } catch (error) {
    const message = timedOut()
      ? `timed out after ${deps.timeoutMs} ms at turn ${turns.length + 1} of ${goldenCase.turns.length} (raise --case-timeout)`
      : describe(error);
    return { ...base, status: 'error', error: message, score: 0, turns, latencyMs: elapsed(started) };
  } finally {
    scope.dispose();
  }
}

function finished(
  base: Pick<CaseRun, 'id' | 'title' | 'file' | 'tags'>,
  turns: TurnOutcome[],
  started: number,
): CaseRun {
  const pass = turns.every((t) => t.pass);
  const score = turns.reduce((n, t) => n + t.score, 0) / turns.length;
  return {
    ...base,
    status: pass ? 'passed' : 'failed',
    error: null,
    score,
    turns,
    latencyMs: elapsed(started),
  };
}

export function turnOutcome(
  index: number,
  turn: Pick<LoadedCase['turns'][number], 'user' | 'expect' | 'critical'>,
  result: Awaited<ReturnType<Pipeline['runTurn']>>,
  verdict: Awaited<ReturnType<TurnScorer>>,
): TurnOutcome {
  return {
    index,
    user: turn.user,
    reply: result.reply,
    expect: turn.expect,
    critical: turn.critical,
    detectedIntents: result.intents,
    scores: verdict.scores,
    pass: verdict.pass,
    score: verdict.score,
    latencyMs: result.trace.latencyMs,
    inputTokens: result.trace.totals.inputTokens,
    outputTokens: result.trace.totals.outputTokens,
    costUsd: result.trace.totals.costUsd,
    judgeInputTokens: verdict.judgeUsage.inputTokens,
    judgeOutputTokens: verdict.judgeUsage.outputTokens,
    judgeCostUsd: verdict.judgeUsage.costUsd,
    judgeCachedCalls: verdict.judgeUsage.cachedCalls,
    trace: result.trace,
  };
}

/**
 * Runs `fn` but gives up as soon as the signal aborts, even if `fn` ignores the signal (the
 * offline and scripted runtimes do): a hung case must not hold a concurrency slot forever.
 */
export function untilAborted<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    fn().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === 'string' ? `${error.message} (${hint})` : error.message;
}

export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
