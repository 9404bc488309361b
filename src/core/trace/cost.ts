import type { ModelPrice } from '../config/schema.js';
import type { Usage } from '../../runtime/types.js';

/**
 * Estimated USD cost of a call from the price table. A model missing from the table costs 0
 * and says so in the returned warning, rather than guessing.
 */
export function estimateCostUsd(
  model: string,
  usage: Usage,
  prices: Record<string, ModelPrice>,
): { costUsd: number; warning?: string } {
  const price = prices[model] ?? prices[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price)
    return { costUsd: 0, warning: `no price for model "${model}" in the price table; cost counted as 0` };
  const costUsd =
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return { costUsd };
}
