import { Box, Text } from 'ink';
import type { TurnTrace } from '../../core/trace/schema.js';
import { summarizeTrace } from '../trace-summary.js';

export interface TracePanelProps {
  trace: TurnTrace | null;
  width: number;
}

/** Why the last reply came out as it did: intents, agents, tools, model calls, tracking id. */
export function TracePanel({ trace, width }: TracePanelProps) {
  if (!trace) {
    return (
      <Box borderStyle="single" borderColor="magenta" paddingX={1} width={width}>
        <Text dimColor>No trace yet: send a message. (Tab or /trace hides this panel.)</Text>
      </Box>
    );
  }
  const summary = summarizeTrace(trace);
  return (
    <Box flexDirection="column" borderStyle="single" borderColor="magenta" paddingX={1} width={width}>
      <Text>
        <Text bold color="magenta">
          Trace
        </Text>{' '}
        <Text dimColor>tracking id</Text> {summary.trackingId}
      </Text>
      <TraceSection title="Intents" lines={summary.intents} />
      <TraceSection title="Agents" lines={summary.agents} />
      <TraceSection title="Tools" lines={summary.tools} />
      <TraceSection title="Model calls (Ctrl+P or /prompt shows their messages)" lines={summary.modelCalls} />
      <Text dimColor>{summary.totals}</Text>
    </Box>
  );
}

function TraceSection({ title, lines }: { title: string; lines: string[] }) {
  if (!lines.length) return null;
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {lines.map((line, i) => (
        <Box key={i} paddingLeft={2}>
          <Text wrap="wrap">{line}</Text>
        </Box>
      ))}
    </Box>
  );
}
