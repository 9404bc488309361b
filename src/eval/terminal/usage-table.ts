import { addCosts } from '../../core/trace/cost.js';
import type { RunSummary, UsageTotals } from '../runner/summarize-run.js';
import { int, ms, table, usd } from './format.js';
import type { TerminalLayout } from './terminal-layout.js';

/** Tokens and cost, total and per turn, with the judges apart from the agent. */
export function usageTable(summary: RunSummary, layout: TerminalLayout): string {
  const perTurn = (n: number) => (summary.turns ? n / summary.turns : 0);
  const row = (name: string, u: UsageTotals) => [
    name,
    int(u.inputTokens),
    int(u.outputTokens),
    usd(u.costUsd),
    int(perTurn(u.inputTokens + u.outputTokens)),
    usd(u.costUsd === null ? null : perTurn(u.costUsd)),
  ];
  const total: UsageTotals = {
    inputTokens: summary.agent.inputTokens + summary.judge.inputTokens,
    outputTokens: summary.agent.outputTokens + summary.judge.outputTokens,
    costUsd: addCosts(summary.agent.costUsd, summary.judge.costUsd),
  };
  const usage = table(
    'Tokens and cost',
    ['', 'in tokens', 'out tokens', 'cost', 'tokens/turn', 'cost/turn'],
    [row('agent', summary.agent), row('judge', summary.judge), row('total', total)],
    [],
    layout.width,
  );
  const latency = table(
    'Agent latency per turn',
    ['p50', 'p95'],
    [[ms(summary.latencyMs.p50), ms(summary.latencyMs.p95)]],
    [],
    layout.width,
  );
  return `${usage}\n\n${latency}`;
}
