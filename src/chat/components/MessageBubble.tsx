import { Box, Text } from 'ink';
import type { ChatEntry } from '../chat-state.js';

const BUBBLE_SHARE = 0.85;
/** Border (2) and padding (2) around the text. */
const CHROME = 4;

export interface MessageBubbleProps {
  entry: Pick<ChatEntry, 'kind' | 'text' | 'hint'>;
  width: number;
  /** The reply is still arriving. */
  streaming?: boolean;
}

/** One message: customer bubbles on the right, agent bubbles on the left, notices as plain lines. */
export function MessageBubble({ entry, width, streaming = false }: MessageBubbleProps) {
  if (entry.kind === 'notice' || entry.kind === 'error') {
    const color = entry.kind === 'error' ? 'red' : 'gray';
    return (
      <Box flexDirection="column" width={width} marginBottom={1}>
        <Text color={color} wrap="wrap">
          {entry.kind === 'error' ? '✗ ' : ''}
          {entry.text}
        </Text>
        {entry.hint ? (
          <Text color="yellow" wrap="wrap">
            → {entry.hint}
          </Text>
        ) : null}
      </Box>
    );
  }
  const customer = entry.kind === 'customer';
  const longest = Math.max(...entry.text.split('\n').map((line) => line.length), customer ? 3 : 5);
  const bubbleWidth = Math.max(12, Math.min(longest + CHROME, Math.floor(width * BUBBLE_SHARE)));
  return (
    <Box width={width} justifyContent={customer ? 'flex-end' : 'flex-start'}>
      <Box
        flexDirection="column"
        width={bubbleWidth}
        borderStyle="round"
        borderColor={customer ? 'blue' : 'green'}
        borderDimColor={streaming}
        paddingX={1}
      >
        <Text bold color={customer ? 'blue' : 'green'}>
          {customer ? 'You' : 'Kavak'}
          {streaming ? <Text dimColor> (writing…)</Text> : null}
        </Text>
        <Text wrap="wrap">{entry.text}</Text>
      </Box>
    </Box>
  );
}
