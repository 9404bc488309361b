import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chatCommand } from '../../src/cli/commands/chat.js';
import type { TurnTrace } from '../../src/core/trace/schema.js';
import { workspace } from './cli.js';

interface JsonLine {
  type: string;
  reply?: string;
  message?: string;
  trace?: TurnTrace;
}

/** Drives `kavak chat --json` in process: one line in, wait for one JSON line out. */
function jsonChat(ws: ReturnType<typeof workspace>) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const pending: JsonLine[] = [];
  const waiters: ((line: JsonLine) => void)[] = [];
  let buffer = '';
  stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, i)) as JsonLine;
      buffer = buffer.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else pending.push(line);
    }
  });
  const done = chatCommand({ json: true }, { stdin, stdout, stderr, env: ws.env, cwd: ws.dir });
  return {
    done,
    send(text: string): Promise<JsonLine> {
      stdin.write(`${text}\n`);
      const ready = pending.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
    end: () => stdin.end(),
  };
}

const replyPrompt = (trace: TurnTrace | undefined) =>
  (trace?.spans ?? [])
    .flatMap((s) => (s.type === 'model_call' && s.task === 'reply' ? s.messages : []))
    .map((m) => m.content)
    .join('\n');

describe('kavak chat (the command, on the real app and the offline runtime)', () => {
  it('/reload re-reads the prompt folder named in kavak.config.json: the next turn renders the edit', async () => {
    const ws = workspace();
    const chat = jsonChat(ws);
    const first = await chat.send('busco un Nissan Versa');
    expect(first.type).toBe('reply');
    expect(first.reply).toMatch(/Nissan Versa 20\d\d/);
    expect(replyPrompt(first.trace)).not.toContain('EDITADO-EN-PRUEBA');

    const guide = join(ws.prompts, 'agents/cars.md');
    writeFileSync(
      guide,
      readFileSync(guide, 'utf8').replace('## Guía', '## Guía\nEDITADO-EN-PRUEBA: sé breve.'),
    );
    expect((await chat.send('/reload')).message).toMatch(/^Reloaded prompt files/);
    const again = await chat.send('/retry');
    expect(replyPrompt(again.trace)).toContain('EDITADO-EN-PRUEBA');

    chat.end();
    await chat.done;
  });
});
