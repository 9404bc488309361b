import { describe, expect, it } from 'vitest';
import { closestCommand, COMMAND_HELP, parseInput } from './commands.js';

describe('parseInput', () => {
  it('sends plain text (trimmed) to the agent and ignores blank lines', () => {
    expect(parseInput('  busco un Versa  ')).toEqual({ kind: 'message', text: 'busco un Versa' });
    expect(parseInput('   ')).toEqual({ kind: 'empty' });
  });

  it('parses every command with its arguments', () => {
    expect(parseInput('/help')).toEqual({ kind: 'command', command: { name: 'help' } });
    expect(parseInput('/RESET')).toEqual({ kind: 'command', command: { name: 'reset' } });
    expect(parseInput('/runtime OpenAI')).toEqual({
      kind: 'command',
      command: { name: 'runtime', runtime: 'openai' },
    });
    expect(parseInput('/runtime')).toEqual({
      kind: 'command',
      command: { name: 'runtime', runtime: undefined },
    });
    expect(parseInput('/model gpt-4.1-mini')).toEqual({
      kind: 'command',
      command: { name: 'model', model: 'gpt-4.1-mini' },
    });
    expect(parseInput('/reload')).toEqual({ kind: 'command', command: { name: 'reload' } });
    expect(parseInput('/retry')).toEqual({ kind: 'command', command: { name: 'retry' } });
    expect(parseInput('/trace')).toEqual({ kind: 'command', command: { name: 'trace' } });
    expect(parseInput('/save versa-budget')).toEqual({
      kind: 'command',
      command: { name: 'save', id: 'versa-budget' },
    });
    expect(parseInput('/export out/chat.json')).toEqual({
      kind: 'command',
      command: { name: 'export', file: 'out/chat.json', force: false },
    });
    expect(parseInput('/export')).toEqual({
      kind: 'command',
      command: { name: 'export', file: undefined, force: false },
    });
    expect(parseInput('/export out/chat.json --force')).toEqual({
      kind: 'command',
      command: { name: 'export', file: 'out/chat.json', force: true },
    });
    expect(parseInput('/export --force')).toMatchObject({ kind: 'invalid' });
    expect(parseInput('/quit')).toEqual({ kind: 'command', command: { name: 'quit' } });
    expect(parseInput('/exit')).toEqual({ kind: 'command', command: { name: 'quit' } });
  });

  it('answers an unknown command with a hint naming the closest one, not an error', () => {
    const parsed = parseInput('/relaod');
    expect(parsed).toMatchObject({ kind: 'invalid', message: 'Unknown command /relaod.' });
    expect(parsed.kind === 'invalid' && parsed.hint).toContain('/reload');
    expect(parseInput('/zzzzzz')).toMatchObject({
      kind: 'invalid',
      hint: expect.stringContaining('/help') as string,
    });
  });

  it('rejects a bad runtime and a bad or missing case id with what to type instead', () => {
    expect(parseInput('/runtime claude')).toMatchObject({
      kind: 'invalid',
      hint: 'Use one of: offline, openai, replay.',
    });
    expect(parseInput('/save')).toMatchObject({
      kind: 'invalid',
      hint: expect.stringContaining('/save <id>') as string,
    });
    expect(parseInput('/save ../../etc')).toMatchObject({
      kind: 'invalid',
      message: '"../../etc" cannot be a case id.',
    });
  });

  it('lets "//" send a message that starts with a slash', () => {
    expect(parseInput('//help no es comando')).toEqual({ kind: 'message', text: '/help no es comando' });
  });

  it('has help for every command and suggests by prefix or typo', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual(
      [
        'export',
        'help',
        'model',
        'quit',
        'reload',
        'reset',
        'retry',
        'runtime',
        'save',
        'trace',
        'prompt',
      ].sort(),
    );
    expect(closestCommand('exp')).toBe('export');
    expect(closestCommand('sav')).toBe('save');
    expect(closestCommand('modle')).toBe('model');
    expect(closestCommand('banana')).toBeUndefined();
  });
});
