import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatController, SubmitOutcome } from './chat-controller.js';
import { callPrompts, formatCallPrompts, summarizeTrace } from './trace-summary.js';

export interface LineModeIo {
  input: Readable;
  /** Replies only (plain), or one JSON object per line (--json). */
  output: Writable;
  /** Notices and errors in plain mode, so stdout stays one reply per line. */
  errors: Writable;
  json: boolean;
}

export interface LineModeResult {
  turns: number;
  failedTurns: number;
}

/**
 * The chat without a terminal (stdin piped): one reply per input line. Slash commands work
 * too, so a script can /reset or /save. Raw mode is never touched.
 */
export async function runLineMode(chat: ChatController, io: LineModeIo): Promise<LineModeResult> {
  const result: LineModeResult = { turns: 0, failedTurns: 0 };
  if (!io.json) io.errors.write(`(kavak chat, line mode: conversation ${chat.getState().conversationId})\n`);
  const lines = createInterface({ input: io.input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) {
      const outcome = await chat.submit(line);
      if (outcome.kind === 'reply') result.turns++;
      if (outcome.kind === 'failed') result.failedTurns++;
      if (outcome.kind === 'quit') break;
      write(outcome, chat, io);
    }
  } finally {
    lines.close();
  }
  return result;
}

function write(outcome: SubmitOutcome, chat: ChatController, io: LineModeIo): void {
  const conversationId = chat.getState().conversationId;
  if (io.json) {
    const line = jsonLine(outcome, conversationId);
    if (line) io.output.write(`${JSON.stringify(line)}\n`);
    return;
  }
  switch (outcome.kind) {
    case 'reply':
      io.output.write(`${outcome.result.reply}\n`);
      return;
    case 'failed':
    case 'error':
      io.errors.write(`kavak: ${outcome.text}\n  → ${outcome.hint}\n`);
      return;
    case 'notice':
      io.errors.write(`${outcome.text}\n${outcome.hint ? `  → ${outcome.hint}\n` : ''}`);
      return;
    case 'trace': {
      if (!outcome.trace) {
        io.errors.write('No trace yet: send a message first.\n');
        return;
      }
      const s = summarizeTrace(outcome.trace);
      const section = (title: string, lines: string[]) =>
        lines.length ? [title, ...lines.map((l) => `  ${l}`)] : [];
      io.errors.write(
        [
          `trace ${s.trackingId}`,
          ...section('intents', s.intents),
          ...section('agents', s.agents),
          ...section('tools', s.tools),
          ...section('model calls', s.modelCalls),
          s.totals,
          '',
        ].join('\n'),
      );
      return;
    }
    case 'prompts':
      io.errors.write(
        outcome.trace
          ? `${formatCallPrompts(callPrompts(outcome.trace))}\n`
          : 'No trace yet: send a message first.\n',
      );
      return;
    case 'none':
    case 'quit':
      return;
  }
}

/** --json: one self-describing object per line (replies carry their whole trace). */
function jsonLine(outcome: SubmitOutcome, conversationId: string): Record<string, unknown> | undefined {
  switch (outcome.kind) {
    case 'reply': {
      const r = outcome.result;
      return {
        type: 'reply',
        conversationId: r.conversationId,
        trackingId: r.trackingId,
        reply: r.reply,
        messages: r.messages,
        intents: r.intents,
        trace: r.trace,
      };
    }
    case 'failed':
    case 'error':
      return { type: 'error', conversationId, message: outcome.text, hint: outcome.hint };
    case 'notice':
      return {
        type: 'notice',
        conversationId,
        message: outcome.text,
        ...(outcome.hint ? { hint: outcome.hint } : {}),
      };
    case 'trace':
      return { type: 'trace', conversationId, trace: outcome.trace };
    case 'prompts':
      return { type: 'prompts', conversationId, prompts: outcome.trace ? callPrompts(outcome.trace) : [] };
    case 'none':
    case 'quit':
      return undefined;
  }
}
