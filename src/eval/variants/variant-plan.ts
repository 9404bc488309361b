import type { KavakConfig } from '../../app/config/schema.js';
import { sumCosts } from '../../core/trace/cost.js';
import type { DryRunEstimate } from '../runner/dry-run.js';
import { dryRunTable } from '../terminal/dry-run-table.js';
import { agentModels, type RunPlan } from '../terminal/paid-run-banner.js';
import type { Variant } from './load-variants.js';

type Estimate = (config: KavakConfig) => DryRunEstimate;

/** --dry-run with --variant: each variant's estimate (its prompts rendered, its models priced). */
export function variantsDryRun(variants: readonly Variant[], estimate: Estimate, json: boolean): string {
  const estimates = variants.map((v) => ({ name: v.name, file: v.file, estimate: estimate(v.config) }));
  if (json) return `${JSON.stringify({ variants: estimates }, null, 2)}\n`;
  return estimates.map((e) => `Variant ${e.name} (${e.file})\n${dryRunTable(e.estimate)}`).join('\n');
}

/**
 * What the paid-run banner shows for a --variant run: the agent calls of every variant on a paid
 * runtime (all of them when none is paid), the judge's calls once per variant. Estimating
 * renders every variant's prompts, so a broken prompt fails here, before any call.
 */
export function variantsRunPlan(variants: readonly Variant[], estimate: Estimate): RunPlan {
  const estimates = variants.map((v) => ({ config: v.config, estimate: estimate(v.config) }));
  const paid = estimates.filter((e) => e.config.runtime === 'openai');
  const agents = paid.length > 0 ? paid : estimates;
  const [first] = estimates;
  if (!first) throw new RangeError('variantsRunPlan needs at least one variant');
  return {
    agent: {
      runtime: agents[0]!.config.runtime,
      models: [...new Set(agents.flatMap((e) => agentModels(e.config)))],
      calls: agents.reduce((n, e) => n + e.estimate.agent.calls, 0),
      costUsd: sumCosts(agents.map((e) => e.estimate.agent.costUsd)),
    },
    judge: {
      ...first.estimate.judge,
      models: [first.estimate.judge.model],
      calls: estimates.reduce((n, e) => n + e.estimate.judge.calls, 0),
      costUsd: sumCosts(estimates.map((e) => e.estimate.judge.costUsd)),
    },
    // Each variant may price its own models.
    prices: Object.assign({}, ...estimates.map((e) => e.config.prices)) as RunPlan['prices'],
  };
}
