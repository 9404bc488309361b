import { Text } from 'ink';
import type { ChatState } from '../chat-state.js';
import { formatTokens, formatUsd } from '../trace-summary.js';

/** Runtime, model, conversation and what it has cost so far. */
export function StatusLine({ state }: { state: Pick<ChatState, 'runtime' | 'conversationId' | 'totals'> }) {
  const { runtime, conversationId, totals } = state;
  return (
    <Text dimColor wrap="truncate-end">
      {runtime.runtime} · {runtime.model} · {conversationId} · {totals.turns} turn(s) ·{' '}
      {formatTokens(totals.inputTokens + totals.outputTokens)} tokens · {formatUsd(totals.costUsd)} · Tab
      trace · /help
    </Text>
  );
}
