import { describe, expect, it } from 'vitest';
import { editLine, EMPTY_LINE, type KeyPress, type LineState } from './line-editor.js';

function type(state: LineState, ...keys: (string | KeyPress)[]): { state: LineState; sent: string[] } {
  const sent: string[] = [];
  for (const k of keys) {
    const step = typeof k === 'string' ? editLine(state, k, {}) : editLine(state, '', k);
    state = step.state;
    if (step.submitted !== undefined) sent.push(step.submitted);
  }
  return { state, sent };
}

describe('editLine', () => {
  it('types, edits at the cursor and sends on Enter', () => {
    const { state, sent } = type(
      EMPTY_LINE,
      'hola',
      { leftArrow: true },
      { leftArrow: true },
      'X',
      { backspace: true },
      { delete: true },
      'L',
      { return: true },
    );
    // `delete` erases to the left too: terminals send DEL for the Backspace key.
    expect(sent).toEqual(['hLla']);
    expect(state.value).toBe('');
    expect(state.history).toEqual(['hLla']);
  });

  it('walks the history with up and down, and gives back the unsent draft', () => {
    let { state } = type(EMPTY_LINE, 'uno', { return: true }, 'dos', { return: true }, 'bor');
    state = type(state, { upArrow: true }).state;
    expect(state.value).toBe('dos');
    state = type(state, { upArrow: true }, { upArrow: true }).state;
    expect(state.value).toBe('uno');
    state = type(state, { downArrow: true }, { downArrow: true }).state;
    expect(state).toMatchObject({ value: 'bor', cursor: 3, historyIndex: null });
  });

  it('does not send blank lines or repeat the same line in history', () => {
    const { state, sent } = type(EMPTY_LINE, '  ', { return: true }, 'a', { return: true }, 'a', {
      return: true,
    });
    expect(sent).toEqual(['a', 'a']);
    expect(state.history).toEqual(['a']);
  });

  it('while the agent answers, keeps a message in the line but lets a command through', () => {
    const message = editLine({ ...EMPTY_LINE, value: 'otra', cursor: 4 }, '', { return: true }, true);
    expect(message.submitted).toBeUndefined();
    expect(message.state.value).toBe('otra');
    const command = editLine({ ...EMPTY_LINE, value: '/quit', cursor: 5 }, '', { return: true }, true);
    expect(command.submitted).toBe('/quit');
  });

  it('sends when text and Enter arrive in one chunk (fast typing, tmux send-keys)', () => {
    const { state, sent } = type(EMPTY_LINE, 'hola\r', 'otra\nlínea\n');
    expect(sent).toEqual(['hola', 'otra línea']);
    expect(state.value).toBe('');
  });

  it('turns pasted line breaks into spaces and ignores Tab and control keys', () => {
    const { state } = type(EMPTY_LINE, 'a\r\nb', { tab: true }, { ctrl: true }, { escape: true });
    expect(state.value).toBe('a b');
    expect(editLine(state, 'u', { ctrl: true }).state.value).toBe('');
  });
});
