import type { KavakConfig } from '../../app/config/schema.js';
import { INTENT_TYPES } from '../../core/intents/schema.js';
import type { RubricInfo } from '../judge/create-judge-scorer.js';
import type { RunResult } from '../results/schema.js';
import { gitCommit, reportableConfig } from './run-metadata.js';
import type { EvalRunOutcome } from './run-eval.js';

export interface RunFacts {
  runId: string;
  config: KavakConfig;
  agent: { runtime: string; model: string };
  judge: { runtime: string; model: string; samples: number };
  rubrics: RubricInfo[];
  /** The flags the run was made with (no secrets among them). */
  options: Record<string, unknown>;
  cwd?: string;
  cache?: RunResult['cache'];
}

/**
 * results.json's content. The stop reason rides in options.stopped until RunResult has a field
 * for it (the gate and the tables read it from there).
 */
export function buildRunResult(outcome: EvalRunOutcome, facts: RunFacts): RunResult {
  return {
    version: 1,
    runId: facts.runId,
    startedAt: outcome.startedAt,
    finishedAt: outcome.finishedAt,
    gitCommit: gitCommit(facts.cwd),
    runtime: facts.agent.runtime,
    model: facts.agent.model,
    judge: facts.judge,
    rubrics: facts.rubrics,
    config: reportableConfig(facts.config),
    options: {
      ...facts.options,
      ...(outcome.stopped ? { stopped: outcome.stopped, notRun: outcome.notRun } : {}),
    },
    cases: outcome.cases,
    intentLabels: [...INTENT_TYPES],
    ...(facts.cache && { cache: facts.cache }),
  };
}
