import type { CaseOutcome, RunResult, TurnOutcome } from '../results/schema.js';
import type { ScoreResult } from '../scorers/types.js';
import { addCosts, type CostUsd } from '../../core/trace/cost.js';
import {
  percentile,
  summarizeRun,
  type RateRow,
  type RunSummary,
  type UsageTotals,
} from '../runner/summarize-run.js';

/**
 * The figures every report shows, computed once from a run. Pure: no I/O, no clock.
 *
 * It extends the runner's `summarizeRun` (overall, by tag, by scorer, critical failures,
 * agent/judge totals, p50/p95) instead of computing those twice, and adds what the reports
 * need besides: pass rate by intent, usage per turn, the run's duration and whether judges ran.
 */
export interface ReportFigures extends RunSummary {
  /** finishedAt − startedAt; 0 when either is not a date. */
  durationMs: number;
  /** Turn pass rate per intent (see `passRateByIntent`). */
  byIntent: RateRow[];
  /** Agent and judge usage divided by the number of turns (0 with no turns). */
  perTurn: { agent: UsageTotals; judge: UsageTotals };
  costUsd: CostUsd;
  latency: { p50: number; p95: number; max: number; mean: number };
  judges: JudgeStatus;
}

export interface JudgeStatus {
  /** Judge scores that ran / could not run (no judge model, e.g. the offline runtime). */
  ran: number;
  skipped: number;
  uncertain: number;
  /** none: no turn asked for a judge; skipped: every judge score was skipped. */
  state: 'none' | 'ran' | 'skipped' | 'partly-skipped';
}

export function aggregateRun(run: RunResult): ReportFigures {
  const summary = summarizeRun(run);
  const turns = run.cases.flatMap((c) => c.turns);
  const latencies = turns.map((t) => t.latencyMs);
  return {
    ...summary,
    durationMs: runDurationMs(run),
    byIntent: passRateByIntent(turns),
    perTurn: { agent: perTurn(summary.agent, turns.length), judge: perTurn(summary.judge, turns.length) },
    costUsd: addCosts(summary.agent.costUsd, summary.judge.costUsd),
    latency: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.length ? Math.max(...latencies) : 0,
      mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
    },
    judges: judgeStatus(
      turns,
      run.cases.flatMap((c) => c.conversationScores ?? []),
    ),
  };
}

/**
 * Turn pass rate per intent. A turn counts under the intents it expects; a turn that states no
 * expected intents counts under the intents the pipeline detected, so every turn is somewhere.
 * Sorted by name.
 */
export function passRateByIntent(turns: TurnOutcome[]): RateRow[] {
  const rows = new Map<string, { total: number; passed: number }>();
  for (const turn of turns) {
    const intents = new Set(turn.expect.intents ?? turn.detectedIntents.map((i) => i.type));
    for (const intent of intents) {
      const row = rows.get(intent) ?? { total: 0, passed: 0 };
      row.total += 1;
      row.passed += turn.pass ? 1 : 0;
      rows.set(intent, row);
    }
  }
  return [...rows.entries()]
    .map(([name, r]) => ({ name, ...r, passRate: ratio(r.passed, r.total) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Judges on turns and, when given, on whole conversations (a conversation rubric is a judge too). */
export function judgeStatus(turns: TurnOutcome[], conversationScores: ScoreResult[] = []): JudgeStatus {
  const judgeScores = [...turns.flatMap((t) => t.scores), ...conversationScores].filter(
    (s) => s.scorer === 'judge' || s.scorer.startsWith('judge:'),
  );
  const skipped = judgeScores.filter((s) => s.skipped).length;
  const ran = judgeScores.length - skipped;
  const uncertain = judgeScores.filter((s) => !s.skipped && s.uncertain).length;
  const state =
    judgeScores.length === 0 ? 'none' : ran === 0 ? 'skipped' : skipped === 0 ? 'ran' : 'partly-skipped';
  return { ran, skipped, uncertain, state };
}

/** The turns that failed, each with the scorers that failed on it (skipped ones are not failures). */
export function failingTurns(outcome: CaseOutcome): { turn: TurnOutcome; failed: TurnOutcome['scores'] }[] {
  return outcome.turns
    .filter((t) => !t.pass)
    .map((turn) => ({ turn, failed: turn.scores.filter((s) => !s.pass && !s.skipped) }));
}

/** True when a critical turn of the case failed: such a case fails the run on its own. */
export function hasCriticalFailure(outcome: CaseOutcome): boolean {
  return outcome.turns.some((t) => t.critical && !t.pass);
}

/** Equal-width buckets from 0 to the largest value, for histograms; empty for no values. */
export function histogram(values: number[], buckets: number): { from: number; to: number; count: number }[] {
  if (values.length === 0 || buckets < 1) return [];
  const top = Math.max(...values);
  const width = top === 0 ? 1 : top / buckets;
  const rows = Array.from({ length: buckets }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    count: 0,
  }));
  for (const v of values) rows[Math.min(buckets - 1, Math.floor(v / width))]!.count += 1;
  return rows;
}

function perTurn(total: UsageTotals, turns: number): UsageTotals {
  return {
    inputTokens: ratio(total.inputTokens, turns),
    outputTokens: ratio(total.outputTokens, turns),
    costUsd: total.costUsd === null ? null : ratio(total.costUsd, turns),
  };
}

/** The run's wall time, finishedAt − startedAt; 0 when either is not a date. */
export function runDurationMs(run: Pick<RunResult, 'startedAt' | 'finishedAt'>): number {
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
