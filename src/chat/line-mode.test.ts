import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chatFixture, echoDraftScript } from '../../test/chat/chat-fixture.js';
import { ModelCallError } from '../runtime/errors.js';
import type { ChatController } from './chat-controller.js';
import { runLineMode } from './line-mode.js';

async function pipe(chat: ChatController, input: string, json = false) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  stdin.end(input);
  const result = await runLineMode(chat, { input: stdin, output: stdout, errors: stderr, json });
  return { result, stdout: out.join(''), stderr: err.join('') };
}

describe('runLineMode', () => {
  it('prints one reply per input line on stdout; notices go to stderr', async () => {
    const fx = await chatFixture();
    const { result, stdout, stderr } = await pipe(await fx.controller(), 'hola\n\n/zzz\nbusco un Versa\n');
    expect(result).toEqual({ turns: 2, failedTurns: 0 });
    const replies = stdout.trimEnd().split('\n');
    expect(replies[0]).toMatch(/hola|bienvenid/i);
    expect(stdout).toMatch(/Nissan Versa 20\d\d/);
    expect(stderr).toContain('Unknown command /zzz.');
    expect(stdout).not.toContain('Unknown command');
  });

  it('--json prints a self-describing object per line, with the trace, and errors in line', async () => {
    const fx = await chatFixture({
      script: (request, i) =>
        i === 0 ? new ModelCallError('timed out', { kind: 'timeout' }) : echoDraftScript(request, i),
    });
    const { result, stdout, stderr } = await pipe(
      await fx.controller(),
      'busco un Versa\nbusco un Versa\n/quit\nnunca llega\n',
      true,
    );
    expect(stderr).toBe('');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['error', 'reply']);
    expect(lines[0]).toMatchObject({
      message: expect.stringContaining('timeout') as string,
      hint: expect.stringContaining('timeoutMs') as string,
    });
    expect(lines[1]).toMatchObject({
      reply: expect.stringContaining('Versa') as string,
      trace: { intents: [{ type: 'car_recommendation' }] },
    });
    // /quit stops reading: the last line is never sent.
    expect(result).toEqual({ turns: 1, failedTurns: 1 });
  });

  it('/prompt prints the rendered messages of each model call of the last turn, role-labelled', async () => {
    const fx = await chatFixture();
    const { stderr } = await pipe(await fx.controller(), 'busco un Versa\n/prompt\n');
    expect(stderr).toMatch(
      /── intents · scripted\/gpt-4o-mini[^\n]*\n\[system\]\n[\s\S]*Eres el clasificador/,
    );
    expect(stderr).toMatch(/\[user\]\nbusco un Versa/);
    expect(stderr).toMatch(/── reply · scripted[\s\S]*BORRADOR:/);
  });
});
