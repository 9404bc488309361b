import { intentsFallbackOf } from '../../core/trace/intents-fallback.js';
import { addCosts, type CostUsd } from '../../core/trace/cost.js';
import type { CaseOutcome, RunResult, TurnOutcome } from '../results/schema.js';
import type { ScoreResult } from '../scorers/types.js';
import { intentReport, type IntentReport } from '../scorers/intent-report.js';

export interface RateRow {
  name: string;
  total: number;
  passed: number;
  /** passed / total; 0 when total is 0. */
  passRate: number;
}

export interface ScorerRow extends RateRow {
  /** Runs that could not score (a judge on the offline runtime): not in total, never passed. */
  skipped: number;
  /** Runs that gave no verdict (a judge call failed, a scorer crashed): not in total, never passed. */
  errors: number;
  uncertain: number;
  meanScore: number;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  /** null when a model in the run has no price. */
  costUsd: CostUsd;
}

export interface CriticalFailure {
  caseId: string;
  turn: number;
  why: string;
  reasons: string[];
}

export interface RunSummary {
  runId: string;
  cases: number;
  passed: number;
  failed: number;
  /** Cases that crashed or timed out. */
  errors: number;
  /** Judge verdicts that never came (failed call, malformed answer): counted apart from fails. */
  judgeErrors: number;
  /** Judge verdicts that came. */
  judgeVerdicts: number;
  /** Passed cases / cases. With --repeat, a case passes only when every run passed. */
  passRate: number;
  /** With --repeat: passed runs / runs, over every case. */
  runPassRate: number | null;
  byTag: RateRow[];
  byScorer: ScorerRow[];
  criticalFailures: CriticalFailure[];
  /** Critical turns that could not be checked because a scorer gave no verdict: the run failed. */
  criticalUnscored: CriticalFailure[];
  flaky: string[];
  turns: number;
  agent: UsageTotals;
  judge: UsageTotals;
  latencyMs: { p50: number; p95: number };
  intents: IntentReport;
  stopped: string | null;
}

/** The figures the terminal, --json and the gate all read, computed once from a run. */
export function summarizeRun(run: RunResult): RunSummary {
  const cases = run.cases;
  const turns = cases.flatMap((c) => c.turns);
  const passed = cases.filter((c) => c.status === 'passed').length;
  const repeated = cases.filter((c) => c.repeats);
  const runs = repeated.reduce((n, c) => n + c.repeats!.runs, 0);
  // Whole-conversation results count like turn results (a case-level judge:x is still judge:x).
  const allScores = [...turns.flatMap((t) => t.scores), ...cases.flatMap((c) => c.conversationScores ?? [])];
  const judgeScores = allScores.filter((s) => isJudge(s) && !s.skipped);
  return {
    runId: run.runId,
    cases: cases.length,
    passed,
    failed: cases.filter((c) => c.status === 'failed').length,
    errors: cases.filter((c) => c.status === 'error').length,
    judgeErrors: judgeScores.filter((s) => s.error).length,
    judgeVerdicts: judgeScores.filter((s) => !s.error).length,
    passRate: ratio(passed, cases.length),
    runPassRate: repeated.length
      ? ratio(
          repeated.reduce((n, c) => n + c.repeats!.passed, 0),
          runs,
        )
      : null,
    byTag: byTag(cases),
    byScorer: byScorer(allScores),
    criticalFailures: criticalFailures(cases),
    criticalUnscored: criticalUnscored(cases),
    flaky: repeated.filter((c) => c.repeats!.flaky).map((c) => c.id),
    turns: turns.length,
    agent: sum(turns, (t) => ({
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      costUsd: t.costUsd,
    })),
    judge: addTotals(
      sum(turns, (t) => ({
        inputTokens: t.judgeInputTokens,
        outputTokens: t.judgeOutputTokens,
        costUsd: t.judgeCostUsd,
      })),
      cases.flatMap((c) => (c.conversationJudge ? [c.conversationJudge] : [])),
    ),
    latencyMs: {
      p50: percentile(
        turns.map((t) => t.latencyMs),
        50,
      ),
      p95: percentile(
        turns.map((t) => t.latencyMs),
        95,
      ),
    },
    intents: intentReport(
      turns.flatMap((t) =>
        t.expect.intents
          ? [
              {
                expected: t.expect.intents,
                // The out_of_scope fallback is no detection (see scoreIntents).
                detected: t.trace && intentsFallbackOf(t.trace) ? [] : t.detectedIntents.map((i) => i.type),
              },
            ]
          : [],
      ),
    ),
    stopped: typeof run.options.stopped === 'string' ? run.options.stopped : null,
  };
}

function byTag(cases: CaseOutcome[]): RateRow[] {
  const tags = [...new Set(cases.flatMap((c) => c.tags))].sort();
  return tags.map((name) => {
    const tagged = cases.filter((c) => c.tags.includes(name));
    const passed = tagged.filter((c) => c.status === 'passed').length;
    return { name, total: tagged.length, passed, passRate: ratio(passed, tagged.length) };
  });
}

function byScorer(scores: ScoreResult[]): ScorerRow[] {
  const rows = new Map<string, ScorerRow & { scoreSum: number }>();
  for (const score of scores) {
    const row = rows.get(score.scorer) ?? {
      name: score.scorer,
      total: 0,
      passed: 0,
      passRate: 0,
      skipped: 0,
      errors: 0,
      uncertain: 0,
      meanScore: 0,
      scoreSum: 0,
    };
    if (score.skipped) row.skipped += 1;
    else if (score.error) row.errors += 1;
    else {
      row.total += 1;
      row.passed += score.pass ? 1 : 0;
      row.scoreSum += score.score;
      row.uncertain += score.uncertain ? 1 : 0;
    }
    rows.set(score.scorer, row);
  }
  return [...rows.values()]
    .map(({ scoreSum, ...row }) => ({
      ...row,
      passRate: ratio(row.passed, row.total),
      meanScore: ratio(scoreSum, row.total),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function criticalFailures(cases: CaseOutcome[]): CriticalFailure[] {
  return cases.flatMap((c) =>
    c.turns
      .filter((t) => t.critical && !t.pass)
      .map((t) => ({
        caseId: c.id,
        turn: t.index + 1,
        why: typeof t.critical === 'string' ? t.critical : 'critical turn',
        reasons: t.scores.filter((s) => !s.pass && !s.skipped).map((s) => `${s.scorer}: ${s.reason}`),
      })),
  );
}

function criticalUnscored(cases: CaseOutcome[]): CriticalFailure[] {
  return cases.flatMap((c) =>
    c.turns
      .filter((t) => t.critical && t.scores.some((s) => s.error))
      .map((t) => ({
        caseId: c.id,
        turn: t.index + 1,
        why: typeof t.critical === 'string' ? t.critical : 'critical turn',
        reasons: t.scores.filter((s) => s.error).map((s) => `${s.scorer}: ${s.reason}`),
      })),
  );
}

function isJudge(score: ScoreResult): boolean {
  return score.scorer.startsWith('judge:');
}

function sum(turns: TurnOutcome[], pick: (t: TurnOutcome) => UsageTotals): UsageTotals {
  return addTotals({ inputTokens: 0, outputTokens: 0, costUsd: 0 }, turns.map(pick));
}

function addTotals(start: UsageTotals, more: UsageTotals[]): UsageTotals {
  return more.reduce(
    (acc, u) => ({
      inputTokens: acc.inputTokens + u.inputTokens,
      outputTokens: acc.outputTokens + u.outputTokens,
      costUsd: addCosts(acc.costUsd, u.costUsd),
    }),
    start,
  );
}

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
