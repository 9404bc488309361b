import { render } from 'ink';
import type { ChatController } from './chat-controller.js';
import { ChatApp } from './components/ChatApp.js';

/** The Ink chat in a real terminal; resolves when the user quits (/quit or Ctrl+C). */
export async function runTerminalChat(controller: ChatController): Promise<void> {
  // Ink puts stdin in raw mode and restores it (and the cursor) when the app exits.
  const app = render(<ChatApp controller={controller} />, { exitOnCtrlC: true });
  // Before raw mode is on (or if a signal comes from elsewhere) Ctrl+C arrives as SIGINT:
  // leave the same clean way instead of dying with the terminal in a half state.
  const onSignal = () => app.unmount();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
