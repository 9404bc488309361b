import type { CostUsd } from '../../core/trace/cost.js';
import type { DryRunEstimate } from '../runner/dry-run.js';
import { int, table, usd } from './format.js';

/** What a run would cost, printed by --dry-run. */
export function dryRunTable(estimate: DryRunEstimate): string {
  const judgeName = estimate.judge.skipped
    ? `judge (${estimate.judge.runtime}: skipped)`
    : `judge (${estimate.judge.runtime} ${estimate.judge.model} ×${estimate.judge.samples})`;
  const rows = [
    [`agent (${estimate.agent.runtime} ${estimate.agent.model})`, estimate.agent],
    [judgeName, estimate.judge],
  ] as const;
  const body = table(
    `Dry run: ${estimate.cases} cases, ${estimate.turns} turns, ${estimate.caseRuns} case runs — golden set, rubrics and ${estimate.promptsRendered} rendered prompts valid, no model called`,
    ['', 'model calls', 'input tokens', 'output tokens', 'cost'],
    [
      ...rows.map(([name, e]) => [
        name,
        int(e.calls),
        `~${int(e.inputTokens)}`,
        `~${int(e.outputTokens)}`,
        approx(e.costUsd),
      ]),
      ['total', int(estimate.agent.calls + estimate.judge.calls), '', '', approx(estimate.totalCostUsd)],
    ],
  );
  const notes = [`Estimate: ${estimate.method}.`, ...estimate.warnings.map((w) => `note: ${w}`)];
  return `${body}\n${notes.join('\n')}\n`;
}

/** "~$0.01234", but "no price" without a tilde: there is nothing to be approximate about. */
function approx(cost: CostUsd): string {
  return cost === null ? usd(cost) : `~${usd(cost)}`;
}
