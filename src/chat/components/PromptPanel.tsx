import { Box, Text } from 'ink';
import type { TurnTrace } from '../../core/trace/schema.js';
import { callPrompts } from '../trace-summary.js';

export interface PromptPanelProps {
  trace: TurnTrace | null;
  width: number;
}

const ROLE_COLORS: Record<string, string> = { system: 'yellow', user: 'cyan', assistant: 'green' };

/** What the model was sent: every message of each model call of the last turn, role-labelled. */
export function PromptPanel({ trace, width }: PromptPanelProps) {
  const prompts = trace ? callPrompts(trace) : [];
  return (
    <Box flexDirection="column" borderStyle="single" borderColor="yellow" paddingX={1} width={width}>
      <Text>
        <Text bold color="yellow">
          Prompts
        </Text>{' '}
        <Text dimColor>rendered messages of each model call (Ctrl+P or /prompt hides them)</Text>
      </Text>
      {prompts.length === 0 ? <Text dimColor>No model call yet: send a message.</Text> : null}
      {prompts.map((prompt, i) => (
        <Box key={i} flexDirection="column" marginTop={1}>
          <Text bold>{prompt.call}</Text>
          {prompt.messages.map((message, j) => (
            <Box key={j} flexDirection="column" paddingLeft={2}>
              <Text color={ROLE_COLORS[message.role] ?? 'white'}>[{message.role}]</Text>
              <Text wrap="wrap">{message.content}</Text>
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}
