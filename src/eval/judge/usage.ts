import { addCosts, type CostUsd } from '../../core/trace/cost.js';

/** Tokens and cost the judges used, kept apart from the agent's. */
export interface JudgeUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** null when a judge model has no price. */
  costUsd: CostUsd;
  /** Of `calls`, those answered from the response cache (cost 0). */
  cachedCalls: number;
}

export function emptyUsage(): JudgeUsage {
  return { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, cachedCalls: 0 };
}

export function addUsage(a: JudgeUsage, b: JudgeUsage): JudgeUsage {
  return {
    calls: a.calls + b.calls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: addCosts(a.costUsd, b.costUsd),
    cachedCalls: a.cachedCalls + b.cachedCalls,
  };
}
