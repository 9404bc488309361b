import type { ModelPrice } from './model-price.js';
import type { Usage } from '../ports/language-model.js';

/**
 * USD, or null when a model in it has no price: "no price" is shown, never a made-up $0.
 * Type of every cost in traces, eval results and reports.
 */
export type CostUsd = number | null;

/**
 * Estimated USD cost of a call from the price table, priced by the model the config names:
 * servers answer with names of their own ("gpt-4o-mini-2024-07-18", "llama3.2:3b-instruct-q4")
 * that the table does not know. A model missing from the table has no price (null), with a warning.
 */
export function estimateCostUsd(
  configuredModel: string,
  usage: Usage,
  prices: Record<string, ModelPrice>,
): { costUsd: CostUsd; warning?: string } {
  const price = prices[configuredModel] ?? prices[configuredModel.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price)
    return {
      costUsd: null,
      warning: `no price for model "${configuredModel}" in the price table; add prices."${configuredModel}" to kavak.config.json to see its cost`,
    };
  const costUsd =
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return { costUsd };
}

/** A sum with an unpriced part has no price either. */
export function addCosts(a: CostUsd, b: CostUsd): CostUsd {
  return a === null || b === null ? null : a + b;
}

export function sumCosts(costs: Iterable<CostUsd>): CostUsd {
  let total: CostUsd = 0;
  for (const cost of costs) total = addCosts(total, cost);
  return total;
}

/** What every report shows for a null cost. */
export const NO_PRICE = 'no price';
