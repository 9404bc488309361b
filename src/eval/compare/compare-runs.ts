import type { CaseOutcome, RunResult } from '../results/schema.js';
import type { ScoreResult } from '../scorers/types.js';
import { mcnemarExact, type McNemarResult } from './mcnemar.js';

/** A regression counts as real when McNemar's p is below this. */
export const SIGNIFICANCE_LEVEL = 0.05;

export interface CaseChange {
  id: string;
  title: string;
  before: CaseOutcome['status'];
  after: CaseOutcome['status'];
  scoreBefore: number;
  scoreAfter: number;
  /** Why it fails now (or failed before, for a newly passing case). */
  reasons: string[];
}

export interface ScoreDelta {
  id: string;
  before: number;
  after: number;
  delta: number;
}

export interface Comparison {
  baseline: { runId: string; gitCommit: string | null; runtime: string; model: string };
  /** Cases present in both runs; the test and the rates below use only these. */
  paired: number;
  passRateBefore: number;
  passRateAfter: number;
  newlyFailing: CaseChange[];
  newlyPassing: CaseChange[];
  /** Paired cases whose score moved, largest drop first. */
  scoreDeltas: ScoreDelta[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
  mcnemar: McNemarResult;
  /** More pass→fail than fail→pass, and unlikely to be noise (p < SIGNIFICANCE_LEVEL). */
  significantRegression: boolean;
}

/** Pairs two runs by case id and tells a regression apart from noise. */
export function compareRuns(baseline: RunResult, current: RunResult): Comparison {
  const before = new Map(baseline.cases.map((c) => [c.id, c]));
  const after = new Map(current.cases.map((c) => [c.id, c]));
  const pairs = [...after.values()].flatMap((now) => {
    const then = before.get(now.id);
    return then ? [{ then, now }] : [];
  });

  const passed = (c: CaseOutcome) => c.status === 'passed';
  const newlyFailing = pairs
    .filter(({ then, now }) => passed(then) && !passed(now))
    .map(({ then, now }) => change(then, now, now));
  const newlyPassing = pairs
    .filter(({ then, now }) => !passed(then) && passed(now))
    .map(({ then, now }) => change(then, now, then));
  const scoreDeltas = pairs
    .map(({ then, now }) => ({
      id: now.id,
      before: then.score,
      after: now.score,
      delta: round(now.score - then.score),
    }))
    .filter((d) => d.delta !== 0)
    .sort((x, y) => x.delta - y.delta || x.id.localeCompare(y.id));

  const mcnemar = mcnemarExact(newlyFailing.length, newlyPassing.length);
  const rate = (pick: (p: (typeof pairs)[number]) => CaseOutcome) =>
    pairs.length === 0 ? 0 : pairs.filter((p) => passed(pick(p))).length / pairs.length;
  return {
    baseline: {
      runId: baseline.runId,
      gitCommit: baseline.gitCommit,
      runtime: baseline.runtime,
      model: baseline.model,
    },
    paired: pairs.length,
    passRateBefore: rate((p) => p.then),
    passRateAfter: rate((p) => p.now),
    newlyFailing,
    newlyPassing,
    scoreDeltas,
    onlyInBaseline: [...before.keys()].filter((id) => !after.has(id)).sort(),
    onlyInCurrent: [...after.keys()].filter((id) => !before.has(id)).sort(),
    mcnemar,
    significantRegression: mcnemar.b > mcnemar.c && mcnemar.pValue < SIGNIFICANCE_LEVEL,
  };
}

function change(then: CaseOutcome, now: CaseOutcome, failing: CaseOutcome): CaseChange {
  return {
    id: now.id,
    title: now.title,
    before: then.status,
    after: now.status,
    scoreBefore: then.score,
    scoreAfter: now.score,
    reasons: failureReasons(failing),
  };
}

/**
 * One line per failed scorer of each failed turn, then of the whole conversation (or the error),
 * for reports: a case that fails only on a conversation rubric still says why.
 */
export function failureReasons(outcome: CaseOutcome): string[] {
  if (outcome.status === 'error' && outcome.error) return [outcome.error];
  const turns = outcome.turns
    .filter((t) => !t.pass)
    .flatMap((t) =>
      t.scores
        .filter((s) => !s.pass && !s.skipped)
        .map((s) => `turn ${t.index + 1} ${s.scorer}: ${s.reason}`),
    );
  return [...turns, ...failedConversationScores(outcome).map(conversationReason)];
}

/** The whole-conversation scorers that failed the case (skipped ones fail nothing). */
export function failedConversationScores(outcome: CaseOutcome): ScoreResult[] {
  return (outcome.conversationScores ?? []).filter((s) => !s.pass && !s.skipped);
}

/** "conversation · judge:kept-budget 0.50: turn 3 quotes …" */
export function conversationReason(score: ScoreResult): string {
  return `conversation · ${score.scorer} ${score.score.toFixed(2)}: ${score.reason}`;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
