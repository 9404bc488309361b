import type { KavakConfig, ModelPrice } from '../../app/config/schema.js';
import { estimateCostUsd, sumCosts, type CostUsd } from '../../core/trace/cost.js';
import { int, usd } from './format.js';

/** Runtimes whose calls cost money; the others (offline, replay) print no banner. */
const PAID_RUNTIMES: readonly string[] = ['openai'];

export interface PlannedCalls {
  runtime: string;
  /** Every model the calls may use (the agent's default first, then per-agent overrides). */
  models: string[];
  calls: number;
  /** null: a model has no price. */
  costUsd: CostUsd;
  /** No judge model (offline): its calls are skipped, not made. */
  skipped?: boolean;
}

export interface RunPlan {
  /** Absent for judge-only runs (calibrate, --rescore). */
  agent?: PlannedCalls;
  judge: PlannedCalls & { samples: number };
  prices: Record<string, ModelPrice>;
}

/** The agent's model and the per-agent overrides of kavak.config.json `agents`. */
export function agentModels(config: KavakConfig): string[] {
  const overrides = Object.values(config.agents).flatMap((agent) => (agent?.model ? [agent.model] : []));
  return [...new Set([config.model, ...overrides])];
}

/**
 * Printed before the first call of a run that costs money, so a key in the environment never
 * turns `kavak eval` into a paid run silently: runtime, models, calls and estimated cost, and a
 * warning when the agent's own model is its judge. Empty when no paid runtime is involved.
 */
export function paidRunBanner(plan: RunPlan): string {
  const parts = [plan.agent, plan.judge].filter((p): p is PlannedCalls => p !== undefined);
  if (!parts.some((p) => PAID_RUNTIMES.includes(p.runtime) && !p.skipped && p.calls > 0)) return '';
  const line = (role: string, p: PlannedCalls, suffix = '') => {
    if (p.skipped) return `  ${role}: ${p.runtime}, no judge model: judge scores skipped`;
    return `  ${role}: ${p.runtime} ${p.models.join(', ')}${suffix}, ~${int(p.calls)} calls, ${cost(p, plan.prices)}`;
  };
  const calls = parts.reduce((n, p) => n + (p.skipped ? 0 : p.calls), 0);
  const total = sumCosts(parts.filter((p) => !p.skipped).map((p) => p.costUsd));
  const lines = [
    'Paid run: these calls cost money (none made yet; --runtime offline runs for free):',
    ...(plan.agent ? [line('agent', plan.agent)] : []),
    line('judge', plan.judge, plan.judge.samples > 1 ? ` ×${plan.judge.samples} samples` : ''),
    `  total: ~${int(calls)} model calls, ${total === null ? usd(null) : `~${usd(total)}`} estimated (--dry-run shows the estimate, --max-cost caps it)`,
  ];
  const self = selfJudging(plan);
  if (self) {
    lines.push(
      `warning: the judge is the agent's own model (${plan.judge.runtime} ${self}): it grades its own replies. ` +
        'Set --judge-model or "judge" in kavak.config.json to another model.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function cost(p: PlannedCalls, prices: Record<string, ModelPrice>): string {
  const unpriced = p.models.filter(
    (model) => estimateCostUsd(model, { inputTokens: 0, outputTokens: 0 }, prices).costUsd === null,
  );
  if (!unpriced.length) return `~${usd(p.costUsd)}`;
  return `no price for ${unpriced.join(', ')} (add it under "prices" in kavak.config.json)`;
}

/** The judge's model when the agent uses it too, on the same runtime. */
function selfJudging(plan: RunPlan): string | undefined {
  const { agent, judge } = plan;
  if (!agent || judge.skipped || agent.runtime !== judge.runtime) return undefined;
  return judge.models.find((model) => agent.models.includes(model));
}
