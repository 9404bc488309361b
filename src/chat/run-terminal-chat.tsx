import { render } from 'ink';
import type { ChatController } from './chat-controller.js';
import { ChatApp } from './components/ChatApp.js';

/** The Ink chat in a real terminal; resolves when the user quits (/quit or Ctrl+C). */
export async function runTerminalChat(controller: ChatController): Promise<void> {
  // Ink puts stdin in raw mode and restores it (and the cursor) when the app exits.
  const app = render(<ChatApp controller={controller} />, { exitOnCtrlC: true });
  await app.waitUntilExit();
}
