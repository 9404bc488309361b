import pLimit from 'p-limit';
import { addCosts, sumCosts, type CostUsd } from '../../core/trace/cost.js';
import type { PipelineTools } from '../../core/turn-context.js';
import type { LoadedCase } from '../golden-set/schema.js';
import type { CaseOutcome, RunResult, TurnOutcome } from '../results/schema.js';
import type { ScoreParams } from '../scorers/types.js';
import { withConversationScore, type CaseScorer } from '../conversation/case-scorer.js';
import type { EvalEventListener } from './events.js';
import type { CaseRun } from './run-case.js';
import type { EvalRunOutcome } from './run-eval.js';
import type { TurnScorer } from './turn-scorer.js';

export interface RescoreInput {
  stored: RunResult;
  /** The current golden set (already filtered): expectations, rubrics and thresholds come from here. */
  cases: LoadedCase[];
  tools: PipelineTools;
  scoreTurn: TurnScorer;
  /** Re-runs the conversation rubrics and custom conversation scorers on the stored replies. */
  scoreCase?: CaseScorer;
  concurrency: number;
}

export interface RescoreOutcome extends EvalRunOutcome {
  /** What could not be re-scored and why. */
  notes: string[];
}

/**
 * Scores the replies of an earlier run again with today's golden set (matched by case id and
 * turn index) without calling the agent; judges may be called. A case whose messages changed
 * since cannot be re-scored from old replies and comes back as an error saying so.
 */
export async function rescoreRun(
  input: RescoreInput,
  onEvent: EvalEventListener = () => {},
): Promise<RescoreOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const stored = new Map(input.stored.cases.map((c) => [c.id, c]));
  const wanted = input.cases.filter((c) => stored.has(c.id));
  const notes: string[] = [];
  const missing = input.cases.filter((c) => !stored.has(c.id)).map((c) => c.id);
  if (missing.length) notes.push(`not in ${input.stored.runId}, so not scored: ${missing.join(', ')}`);
  const current = new Set(input.cases.map((c) => c.id));
  const dropped = input.stored.cases.filter((c) => !current.has(c.id)).map((c) => c.id);
  if (dropped.length)
    notes.push(`in ${input.stored.runId} but not selected in the golden set: ${dropped.join(', ')}`);
  if (input.stored.cases.some((c) => c.repeats && c.repeats.runs > 1)) {
    notes.push(
      'the stored run used --repeat: only the turns it kept per case (the first non-passing run) are re-scored',
    );
  }

  const limit = pLimit(input.concurrency);
  let done = 0;
  let passed = 0;
  let costUsd: CostUsd = 0;
  onEvent({ type: 'run_start', cases: wanted.length, repeat: 1, total: wanted.length });
  const cases = await Promise.all(
    wanted.map((goldenCase) =>
      limit(async (): Promise<CaseOutcome> => {
        onEvent({ type: 'case_start', caseId: goldenCase.id, run: 0 });
        const outcome = await rescoreCase(goldenCase, stored.get(goldenCase.id)!, input);
        costUsd = addCosts(costUsd, sumCosts(outcome.turns.map((t) => t.judgeCostUsd)));
        if (outcome.conversationJudge) costUsd = addCosts(costUsd, outcome.conversationJudge.costUsd);
        done += 1;
        if (outcome.status === 'passed') passed += 1;
        onEvent({
          type: 'case_end',
          caseId: goldenCase.id,
          run: 0,
          outcome,
          done,
          passed,
          total: wanted.length,
        });
        return { ...outcome, repeats: null };
      }),
    ),
  );
  onEvent({
    type: 'run_end',
    done,
    passed,
    total: wanted.length,
    stopped: null,
    durationMs: Math.round(performance.now() - started),
  });
  return {
    cases,
    stopped: null,
    notRun: missing,
    startedAt,
    finishedAt: new Date().toISOString(),
    costUsd,
    notes,
  };
}

async function rescoreCase(goldenCase: LoadedCase, old: CaseOutcome, input: RescoreInput): Promise<CaseRun> {
  const base = {
    id: goldenCase.id,
    title: goldenCase.title,
    file: goldenCase.file,
    tags: goldenCase.tags,
    latencyMs: old.latencyMs,
  };
  const changed = whatChanged(goldenCase, old);
  if (changed) return { ...base, status: 'error', error: changed, score: 0, turns: old.turns };

  const turns: TurnOutcome[] = [];
  try {
    for (const oldTurn of old.turns) {
      const turn = goldenCase.turns[oldTurn.index]!;
      const params: ScoreParams = {
        reply: oldTurn.reply,
        expect: turn.expect,
        intents: oldTurn.detectedIntents,
        trace: oldTurn.trace!,
        conversation: turns.flatMap((t) => [
          { role: 'customer' as const, text: t.user },
          { role: 'agent' as const, text: t.reply },
        ]),
        goldenCase,
        turnIndex: oldTurn.index,
        tools: input.tools,
      };
      const verdict = await input.scoreTurn(params);
      turns.push({
        ...oldTurn,
        expect: turn.expect,
        critical: turn.critical,
        scores: verdict.scores,
        pass: verdict.pass,
        score: verdict.score,
        judgeInputTokens: verdict.judgeUsage.inputTokens,
        judgeOutputTokens: verdict.judgeUsage.outputTokens,
        judgeCostUsd: verdict.judgeUsage.costUsd,
      });
    }
  } catch (error) {
    return {
      ...base,
      status: 'error',
      error: `re-scoring failed: ${(error as Error).message}`,
      score: 0,
      turns,
    };
  }
  if (old.status === 'error') {
    // The agent never finished this case: the turns it did are re-scored, the case stays an error.
    return { ...base, status: 'error', error: old.error, score: 0, turns };
  }
  const pass = turns.every((t) => t.pass);
  const conversation = input.scoreCase ? await input.scoreCase(goldenCase, turns) : null;
  return withConversationScore(
    {
      ...base,
      status: pass ? 'passed' : 'failed',
      error: null,
      score: turns.reduce((n, t) => n + t.score, 0) / turns.length,
      turns,
    },
    conversation,
  );
}

/** Why stored replies no longer answer the golden case, or null when they still do. */
function whatChanged(goldenCase: LoadedCase, old: CaseOutcome): string | null {
  const advice = 'run the eval again without --rescore to get replies for it';
  if (old.status !== 'error' && old.turns.length !== goldenCase.turns.length) {
    return `the golden case now has ${goldenCase.turns.length} turns, the stored run ${old.turns.length}: ${advice}`;
  }
  for (const turn of old.turns) {
    const now = goldenCase.turns[turn.index];
    if (!now || now.user.trim() !== turn.user.trim())
      return `turn ${turn.index + 1}'s message changed since the run: ${advice}`;
    if (!turn.trace) return `turn ${turn.index + 1} has no stored trace to score against: ${advice}`;
  }
  return null;
}
