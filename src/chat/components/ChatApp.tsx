import { Box, useApp, useInput } from 'ink';
import { useCallback } from 'react';
import type { ChatController } from '../chat-controller.js';
import { useConversation } from '../use-conversation.js';
import { useTerminalWidth } from '../use-terminal-width.js';
import { ConversationView } from './ConversationView.js';
import { InputLine } from './InputLine.js';
import { Spinner } from './Spinner.js';
import { StatusLine } from './StatusLine.js';
import { PromptPanel } from './PromptPanel.js';
import { TracePanel } from './TracePanel.js';

/** The chat screen. It renders the controller's state and hands typed lines back to it. */
export function ChatApp({ controller }: { controller: ChatController }) {
  const state = useConversation(controller);
  const width = useTerminalWidth();
  const { exit } = useApp();

  const onSubmit = useCallback(
    (line: string) => {
      void controller.submit(line).then((outcome) => {
        if (outcome.kind === 'quit') exit();
      });
    },
    [controller, exit],
  );
  useInput((input, key) => {
    if (key.tab) controller.toggleTrace();
    if (key.ctrl && input === 'p') controller.togglePrompts();
  });

  return (
    <Box flexDirection="column" width={width}>
      <ConversationView entries={state.entries} pending={state.pending} width={width} />
      {state.pending ? <Spinner label={state.pending.activity} /> : null}
      {state.showTrace ? <TracePanel trace={state.lastTrace} width={width} /> : null}
      {state.showPrompts ? <PromptPanel trace={state.lastTrace} width={width} /> : null}
      <StatusLine state={state} />
      <InputLine onSubmit={onSubmit} busy={state.pending !== null} />
    </Box>
  );
}
