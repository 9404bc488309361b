import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ChatController } from '../../chat/chat-controller.js';
import { runLineMode } from '../../chat/line-mode.js';
import { sessionFromApp } from '../../chat/session-from-app.js';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { KavakError } from '../../support/errors.js';
import { createLogger, parseLogLevel } from '../../support/logger.js';
import { createApp } from '../../app/create-app.js';
import { startTelemetry } from '../../telemetry/index.js';

export interface ChatOptions extends GlobalFlags {
  conversation?: string;
  json?: boolean;
}

/** Streams and environment, injectable so tests drive line mode through real pipes. */
export interface ChatIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
}

const processIo = (): ChatIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** Where /save writes cases: KAVAK_GOLDEN_SET_DIR, or ./golden-set. */
export function goldenSetDir(env: ChatIo['env'], cwd: string): string {
  return resolve(cwd, env.KAVAK_GOLDEN_SET_DIR?.trim() || 'golden-set');
}

/** The Ink chat in a terminal; line mode when stdin or stdout is not one, or with --json. */
export async function chatCommand(options: ChatOptions, io: ChatIo = processIo()): Promise<void> {
  const terminal = !options.json && Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const level = parseLogLevel(io.env.KAVAK_LOG_LEVEL, 'warn');
  // In the terminal UI, log lines go through console.error, which Ink prints above the screen
  // instead of tearing it; in line mode they go to stderr as usual.
  const logger = createLogger({
    level,
    write: terminal ? (line) => console.error(line) : (line) => io.stderr.write(`${line}\n`),
  });
  const app = await createApp(loadConfig(options, io.env, io.cwd), { stream: terminal, logger });
  const telemetry = await startTelemetry(io.env, logger);
  let controller: ChatController | undefined;
  try {
    const session = sessionFromApp(app);
    controller = await ChatController.open(
      { ...session, pipeline: telemetry.observe(session.pipeline) },
      {
        conversationId: options.conversation,
        goldenSetDir: goldenSetDir(io.env, io.cwd),
        cwd: io.cwd,
      },
    );
    if (terminal) {
      const { runTerminalChat } = await import('../../chat/run-terminal-chat.js');
      await runTerminalChat(controller);
      return;
    }
    const result = await runLineMode(controller, {
      input: io.stdin,
      output: io.stdout,
      errors: io.stderr,
      json: options.json ?? false,
    });
    if (result.failedTurns) {
      throw new KavakError(
        `${result.failedTurns} of ${result.turns + result.failedTurns} message(s) got no reply.`,
        {
          hint: 'The errors above say why; the other replies were printed.',
        },
      );
    }
  } finally {
    await controller?.close();
    await app.close();
    await telemetry.shutdown();
  }
}
