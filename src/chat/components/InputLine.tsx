import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { editLine, EMPTY_LINE, type LineState } from '../line-editor.js';

export interface InputLineProps {
  onSubmit: (line: string) => void;
  /** The agent is answering: Enter sends only slash commands until it is done. */
  busy: boolean;
}

/** The prompt line, with a cursor and ↑/↓ through the lines sent before. */
export function InputLine({ onSubmit, busy }: InputLineProps) {
  const [line, setLine] = useState<LineState>(EMPTY_LINE);
  // Keys can arrive faster than React re-renders: edit from the latest state, not the rendered one.
  const latest = useRef(line);
  useInput((input, key) => {
    const { state, submitted } = editLine(latest.current, input, key, busy);
    latest.current = state;
    setLine(state);
    if (submitted !== undefined) onSubmit(submitted);
  });
  const { value, cursor } = line;
  return (
    <Text>
      <Text color={busy ? 'gray' : 'cyan'}>› </Text>
      {value.slice(0, cursor)}
      <Text inverse>{value[cursor] ?? ' '}</Text>
      {value.slice(cursor + 1)}
      {!value && !busy ? <Text dimColor> type a message, or /help</Text> : null}
    </Text>
  );
}
