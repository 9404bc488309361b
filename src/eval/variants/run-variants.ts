import { startTelemetry } from '../../telemetry/index.js';
import type { LoadedCase } from '../golden-set/schema.js';
import { openAgent, type AgentSession } from '../runner/eval-session.js';
import type { EvalEvent, EvalEventListener } from '../runner/events.js';
import type { RateLimiter } from '../runner/rate-limit.js';
import { runEval, type EvalRunOutcome } from '../runner/run-eval.js';
import { createRunSlots } from '../runner/run-slots.js';
import type { TurnScorer } from '../runner/turn-scorer.js';
import type { CaseScorer } from '../conversation/case-scorer.js';
import type { CaseDurations } from '../runner/case-order.js';
import type { Variant } from './load-variants.js';
import type { ResponseCache } from '../../runtime/recording/with-response-cache.js';
import { sharedToolsLoader, type ToolsLoader } from './shared-tools.js';

export interface RunVariantsOptions {
  variants: readonly Variant[];
  cases: LoadedCase[];
  /** One judge for every variant, so their scores compare. */
  scoreTurn: TurnScorer;
  /** Whole-conversation scorers (conversation rubrics, custom scorers), the same for every variant. */
  scoreCase?: CaseScorer;
  /** The start order, the same for every variant so that they take turns case by case. */
  previousDurations?: CaseDurations;
  /** Shared by every variant's agent calls and the judge's. */
  limiter: RateLimiter | undefined;
  /** The response cache, shared by every variant (its key holds the model and the prompts). */
  cache?: ResponseCache;
  /** Case runs in flight at once, over all variants. */
  concurrency: number;
  repeat: number;
  /** For the whole run, over all variants. */
  maxCostUsd?: number;
  caseTimeoutMs: number;
  signal?: AbortSignal;
  /** Loads a variant's catalog and knowledge base (a seam for tests); each distinct pair loads once. */
  loadTools?: ToolsLoader;
}

export interface VariantOutcome {
  variant: Variant;
  agent: { runtime: string; model: string };
  outcome: EvalRunOutcome;
}

/**
 * The golden set once per variant, all variants at once on shared slots: -j, --rpm and --max-cost
 * hold for the whole run, and the variants take turns case by case (see createRunSlots).
 */
export async function runVariants(
  options: RunVariantsOptions,
  onEvent: EvalEventListener = () => {},
): Promise<VariantOutcome[]> {
  const sessions: AgentSession[] = [];
  try {
    const toolsFor = sharedToolsLoader(options.loadTools);
    for (const variant of options.variants)
      sessions.push(
        await openAgent(variant.config, options.limiter, options.cache, await toolsFor(variant.config)),
      );
    const telemetry = await startTelemetry(process.env, sessions[0]?.app.logger);
    const slots = createRunSlots(options.concurrency);
    const progress = mergedProgress(onEvent, options.variants.length > 1 ? options.variants : []);
    try {
      const outcomes = await Promise.all(
        sessions.map((session, i) =>
          runEval(
            {
              cases: options.cases,
              pipeline: telemetry.observe(session.pipeline),
              scoreTurn: options.scoreTurn,
              scoreCase: options.scoreCase,
              previousDurations: options.previousDurations,
              concurrency: options.concurrency,
              repeat: options.repeat,
              maxCostUsd: options.maxCostUsd,
              caseTimeoutMs: options.caseTimeoutMs,
              signal: options.signal,
              slots,
            },
            (event) => progress(i, event),
          ),
        ),
      );
      return outcomes.map((outcome, i) => ({
        variant: options.variants[i]!,
        agent: { runtime: sessions[i]!.runtime, model: sessions[i]!.model },
        outcome,
      }));
    } finally {
      await telemetry.shutdown();
    }
  } finally {
    for (const session of sessions) await session.app.close();
  }
}

/**
 * One progress stream for all variants, as if they were one run: one start, counts summed, case
 * lines named `variant/case`, one end once every variant has ended.
 */
function mergedProgress(
  onEvent: EvalEventListener,
  variants: readonly Variant[],
): (index: number, event: EvalEvent) => void {
  if (variants.length === 0) return (_index, event) => onEvent(event);
  const done: number[] = variants.map(() => 0);
  const passed: number[] = variants.map(() => 0);
  const totals: number[] = variants.map(() => 0);
  const ended: (Extract<EvalEvent, { type: 'run_end' }> | undefined)[] = variants.map(() => undefined);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  let started = 0;
  return (index, event) => {
    switch (event.type) {
      case 'run_start':
        totals[index] = event.total;
        started += 1;
        if (started === variants.length)
          onEvent({ ...event, cases: event.cases * variants.length, total: sum(totals) });
        break;
      case 'case_end':
        done[index] = event.done;
        passed[index] = event.passed;
        onEvent({
          ...event,
          outcome: { ...event.outcome, id: `${variants[index]!.name}/${event.outcome.id}` },
          done: sum(done),
          passed: sum(passed),
          total: sum(totals),
        });
        break;
      case 'run_end': {
        ended[index] = event;
        const all = ended.filter((e) => e !== undefined);
        if (all.length < variants.length) break;
        onEvent({
          type: 'run_end',
          done: sum(all.map((e) => e.done)),
          passed: sum(all.map((e) => e.passed)),
          total: sum(all.map((e) => e.total)),
          stopped: all.find((e) => e.stopped)?.stopped ?? null,
          durationMs: Math.max(...all.map((e) => e.durationMs)),
        });
        break;
      }
      default:
        onEvent(event);
    }
  };
}
