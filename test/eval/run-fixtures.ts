import { INTENT_TYPES } from '../../src/core/intents/schema.js';
import type { CaseOutcome, RunResult, TurnOutcome } from '../../src/eval/results/schema.js';
import type { ScoreResult } from '../../src/eval/scorers/types.js';

/** Small hand-made results for tests of compare, gate and tables. */
export function turn(overrides: Partial<TurnOutcome> = {}): TurnOutcome {
  const scores: ScoreResult[] = overrides.scores ?? [
    { scorer: 'keywords', pass: overrides.pass ?? true, score: 1, reason: 'ok' },
  ];
  return {
    index: 0,
    user: 'hola',
    reply: '¡Hola!',
    expect: {},
    detectedIntents: [],
    scores,
    pass: true,
    score: 1,
    latencyMs: 10,
    inputTokens: 100,
    outputTokens: 20,
    costUsd: 0.001,
    judgeInputTokens: 0,
    judgeOutputTokens: 0,
    judgeCostUsd: 0,
    trace: null,
    ...overrides,
  };
}

export function outcome(
  id: string,
  status: CaseOutcome['status'],
  overrides: Partial<CaseOutcome> = {},
): CaseOutcome {
  const pass = status === 'passed';
  return {
    id,
    title: `case ${id}`,
    file: 'golden-set/test.yaml',
    tags: [],
    status,
    error: status === 'error' ? 'boom' : null,
    score: pass ? 1 : status === 'error' ? 0 : 0.5,
    turns:
      status === 'error'
        ? []
        : [
            turn({
              pass,
              scores: [
                { scorer: 'keywords', pass, score: pass ? 1 : 0, reason: pass ? 'ok' : 'missing "versa"' },
              ],
            }),
          ],
    repeats: null,
    latencyMs: 10,
    ...overrides,
  };
}

export function run(cases: CaseOutcome[], overrides: Partial<RunResult> = {}): RunResult {
  return {
    version: 1,
    runId: 'run-test',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    gitCommit: null,
    runtime: 'offline',
    model: 'offline',
    judge: { runtime: 'offline', model: 'offline', samples: 1 },
    rubrics: [],
    config: {},
    options: {},
    cases,
    intentLabels: [...INTENT_TYPES],
    ...overrides,
  };
}

/** n cases named prefix-0 … prefix-(n-1), all with one status. */
export function many(prefix: string, n: number, status: CaseOutcome['status']): CaseOutcome[] {
  return Array.from({ length: n }, (_, i) => outcome(`${prefix}-${i}`, status));
}
