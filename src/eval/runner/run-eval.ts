import { addCosts, type CostUsd } from '../../core/trace/cost.js';
import type { Pipeline } from '../../core/pipeline.js';
import { inRepetition } from '../../runtime/recording/call-slot.js';
import type { LoadedCase } from '../golden-set/schema.js';
import type { CaseOutcome } from '../results/schema.js';
import type { CaseScorer } from '../conversation/case-scorer.js';
import type { EvalEventListener } from './events.js';
import { longestFirst, type CaseDurations } from './case-order.js';
import { combineRuns } from './combine-runs.js';
import { runCase, type CaseRun, type CaseRunDeps } from './run-case.js';
import { createRunSlots, type RunSlots } from './run-slots.js';
import type { TurnScorer } from './turn-scorer.js';

export interface RunEvalOptions {
  cases: LoadedCase[];
  pipeline: Pipeline;
  scoreTurn: TurnScorer;
  /** Conversation rubrics and custom conversation scorers, once a case's turns are done. */
  scoreCase?: CaseScorer;
  /** Cases in flight at once (-j). */
  concurrency: number;
  /** Runs per case (--repeat). */
  repeat: number;
  /** Stop starting case runs once agent + judge cost reaches this (--max-cost). */
  maxCostUsd?: number;
  caseTimeoutMs: number;
  signal?: AbortSignal;
  /** Each case's duration in an earlier run on the same model: the start order (longest first). */
  previousDurations?: CaseDurations;
  /** Slots and budget shared with other runs (eval variants); default: this run's own, of `concurrency`. */
  slots?: RunSlots;
  /** Plays a case other than by its scripted turns (kavak eval simulate); default runCase. */
  play?: CasePlayer;
}

export type CasePlayer = (
  goldenCase: LoadedCase,
  run: number,
  deps: CaseRunDeps,
  onTurn: (turn: CaseRun['turns'][number]) => void,
) => Promise<CaseRun>;

export interface EvalRunOutcome {
  cases: CaseOutcome[];
  /** Why the run stopped before every case ran, or null. */
  stopped: string | null;
  /** Ids of cases with no run at all (stopped before they started). */
  notRun: string[];
  startedAt: string;
  finishedAt: string;
  /** null once a model without a price answered. */
  costUsd: CostUsd;
}

/**
 * The run loop: every case × repeat as its own conversation, at most `concurrency` at once,
 * repeat-major so a budget stop still covers each case once before repeating any. A case that
 * crashes is an outcome, not an exception; the run goes on.
 */
export async function runEval(
  options: RunEvalOptions,
  onEvent: EvalEventListener = () => {},
): Promise<EvalRunOutcome> {
  if (options.repeat < 1 || options.concurrency < 1)
    throw new RangeError('repeat and concurrency must be ≥ 1');
  const startedAt = new Date();
  const started = performance.now();
  // Results are reported in golden-set order whatever the order they ran in.
  const order = longestFirst(options.cases, options.previousDurations);
  const plan = Array.from({ length: options.repeat }, (_, run) =>
    order.map((c) => ({ goldenCase: c, run })),
  ).flat();
  const runs = new Map<string, { run: number; outcome: CaseRun }[]>();
  const slots = options.slots ?? createRunSlots(options.concurrency);
  let spent: CostUsd = 0;
  let done = 0;
  let passed = 0;
  let skipped = 0;
  onEvent({ type: 'run_start', cases: options.cases.length, repeat: options.repeat, total: plan.length });

  // Unpriced spending cannot be held to a budget: stop rather than run on blind.
  const overBudget = () =>
    options.maxCostUsd !== undefined && (slots.spent === null || slots.spent >= options.maxCostUsd);
  await Promise.all(
    plan.map(({ goldenCase, run }, position) =>
      slots.schedule(position, async () => {
        if (overBudget() || options.signal?.aborted) {
          skipped += 1;
          return;
        }
        onEvent({ type: 'case_start', caseId: goldenCase.id, run });
        const play = options.play ?? ((c, _run, deps, onTurn) => runCase(c, deps, onTurn));
        // Each repetition's model calls are stored apart: a repeat never replays run 0's answers.
        const outcome = await inRepetition(run, () =>
          play(
            goldenCase,
            run,
            {
              pipeline: options.pipeline,
              scoreTurn: options.scoreTurn,
              scoreCase: options.scoreCase,
              timeoutMs: options.caseTimeoutMs,
              signal: options.signal,
              rank: position,
            },
            (turn) => {
              const cost = addCosts(turn.costUsd, turn.judgeCostUsd);
              spent = addCosts(spent, cost);
              slots.spend(cost);
              onEvent({ type: 'turn_end', caseId: goldenCase.id, run, turn });
            },
          ),
        );
        if (outcome.conversationJudge) spent = addCosts(spent, outcome.conversationJudge.costUsd);
        runs.set(goldenCase.id, [...(runs.get(goldenCase.id) ?? []), { run, outcome }]);
        done += 1;
        if (outcome.status === 'passed') passed += 1;
        onEvent({ type: 'case_end', caseId: goldenCase.id, run, outcome, done, passed, total: plan.length });
      }),
    ),
  );

  const cases = options.cases.flatMap((c) => {
    const caseRuns = runs.get(c.id);
    if (!caseRuns) return [];
    const inOrder = [...caseRuns].sort((a, b) => a.run - b.run).map((r) => r.outcome);
    return [combineRuns(inOrder, options.repeat > 1)];
  });
  const stopped = skipped === 0 ? null : stopReason(options, slots.spent, skipped, plan.length);
  onEvent({
    type: 'run_end',
    done,
    passed,
    total: plan.length,
    stopped,
    durationMs: Math.round(performance.now() - started),
  });
  return {
    cases,
    stopped,
    notRun: options.cases.filter((c) => !runs.has(c.id)).map((c) => c.id),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    costUsd: spent,
  };
}

function stopReason(options: RunEvalOptions, spent: CostUsd, skipped: number, total: number): string {
  const notStarted = `${skipped} of ${total} case runs not started`;
  if (options.signal?.aborted) return `interrupted; ${notStarted}`;
  if (spent === null)
    return `--max-cost $${options.maxCostUsd!.toFixed(2)} cannot be kept: a model has no price in the table (add it under "prices" in kavak.config.json); ${notStarted}`;
  return `--max-cost $${options.maxCostUsd!.toFixed(2)} reached ($${spent.toFixed(4)} spent); ${notStarted}`;
}
