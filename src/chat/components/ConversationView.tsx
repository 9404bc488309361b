import { Box, Static } from 'ink';
import { streamedText, type ChatEntry, type PendingTurn } from '../chat-state.js';
import { MessageBubble } from './MessageBubble.js';

export interface ConversationViewProps {
  entries: ChatEntry[];
  pending: PendingTurn | null;
  width: number;
}

/**
 * Finished messages are printed once (Static) and scroll back like any terminal output; only
 * the reply being streamed is redrawn.
 */
export function ConversationView({ entries, pending, width }: ConversationViewProps) {
  const streamed = pending ? streamedText(pending) : '';
  return (
    <Box flexDirection="column">
      <Static items={entries}>
        {(entry) => <MessageBubble key={entry.id} entry={entry} width={width} />}
      </Static>
      {streamed ? <MessageBubble entry={{ kind: 'agent', text: streamed }} width={width} streaming /> : null}
    </Box>
  );
}
