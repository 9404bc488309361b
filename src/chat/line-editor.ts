/** The keys the input line reacts to (a subset of Ink's Key, so this module needs no Ink). */
export interface KeyPress {
  return?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  backspace?: boolean;
  delete?: boolean;
  home?: boolean;
  end?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  escape?: boolean;
  tab?: boolean;
}

export interface LineState {
  value: string;
  cursor: number;
  /** Lines sent before, oldest first. */
  history: string[];
  /** Position while walking the history with ↑/↓; null = editing a fresh line. */
  historyIndex: number | null;
  /** The unsent line, kept while walking the history. */
  draft: string;
}

export const EMPTY_LINE: LineState = { value: '', cursor: 0, history: [], historyIndex: null, draft: '' };

const HISTORY_LIMIT = 200;

/**
 * One key press applied to the input line; `submitted` is set when Enter sends a line.
 * Pure, so the editing rules are tested without a terminal. While `busy`, Enter only sends
 * slash commands (so /quit works), and a message stays in the line until the agent is done.
 */
export function editLine(
  state: LineState,
  input: string,
  key: KeyPress,
  busy = false,
): { state: LineState; submitted?: string } {
  const { value, cursor } = state;
  if (key.tab || key.escape) return { state };
  if (key.return) {
    if (!value.trim()) return { state: { ...state, value: '', cursor: 0 } };
    if (busy && !value.trim().startsWith('/')) return { state };
    const last = state.history.at(-1);
    const history = last === value ? state.history : [...state.history, value].slice(-HISTORY_LIMIT);
    return { state: { ...EMPTY_LINE, history }, submitted: value };
  }
  if (key.upArrow) return walkHistory(state, -1);
  if (key.downArrow) return walkHistory(state, +1);
  if (key.leftArrow) return { state: { ...state, cursor: Math.max(0, cursor - 1) } };
  if (key.rightArrow) return { state: { ...state, cursor: Math.min(value.length, cursor + 1) } };
  if (key.home || (key.ctrl && input === 'a')) return { state: { ...state, cursor: 0 } };
  if (key.end || (key.ctrl && input === 'e')) return { state: { ...state, cursor: value.length } };
  if (key.ctrl && input === 'u') return { state: { ...state, value: value.slice(cursor), cursor: 0 } };
  // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`: both erase left.
  if (key.backspace || key.delete) {
    if (cursor === 0) return { state };
    return {
      state: { ...state, value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 },
    };
  }
  if (key.ctrl || key.meta) return { state };
  // Text and Enter typed fast (or sent by tmux send-keys) arrive as one chunk "text\r": type, then send.
  const typed = /^([\s\S]*?)[\r\n]+$/.exec(input);
  if (typed && typed[1])
    return editLine(editLine(state, typed[1], {}, busy).state, '', { return: true }, busy);
  // A paste arrives as one input; line breaks inside it become spaces (Enter is the send key).
  const text = [...input.replace(/\r\n|\r|\n/g, ' ')].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  if (!text) return { state };
  return {
    state: {
      ...state,
      value: value.slice(0, cursor) + text + value.slice(cursor),
      cursor: cursor + text.length,
    },
  };
}

function walkHistory(state: LineState, step: -1 | 1): { state: LineState } {
  const { history, historyIndex } = state;
  if (!history.length) return { state };
  const from = historyIndex ?? history.length;
  const to = Math.min(history.length, Math.max(0, from + step));
  if (to === from) return { state };
  const draft = historyIndex === null ? state.value : state.draft;
  const value = to === history.length ? draft : history[to]!;
  return {
    state: { ...state, value, cursor: value.length, historyIndex: to === history.length ? null : to, draft },
  };
}
