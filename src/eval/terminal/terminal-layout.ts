import { Chalk } from 'chalk';

/** The parts of a stream the layout reads (process.stdout, or a fake one in tests). */
export interface TerminalStream {
  isTTY?: boolean;
  columns?: number;
}

/** How wide the report may be, whether it may colour, and how much it shows. */
export interface TerminalLayout {
  width: number;
  verbose: boolean;
  style: TerminalStyle;
}

export interface TerminalStyle {
  pass: (text: string) => string;
  fail: (text: string) => string;
  /** Secondary lines: notes, hints, where files went. */
  dim: (text: string) => string;
  bold: (text: string) => string;
}

export const DEFAULT_WIDTH = 80;
/** Below this the tables cannot hold a number and a name; narrower terminals wrap. */
const MIN_WIDTH = 40;

/**
 * The terminal's width when stdout is one; otherwise COLUMNS (so `COLUMNS=120 kavak eval | less`
 * works), else 80.
 */
export function terminalWidth(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env): number {
  const fromStream = stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : undefined;
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const width = fromStream ?? (fromEnv > 0 ? fromEnv : DEFAULT_WIDTH);
  return Math.max(MIN_WIDTH, width);
}

/**
 * FORCE_COLOR wins (as in Node itself: "0"/"false" turn colour off, anything else on), then
 * NO_COLOR (no-color.org: set and non-empty), then colour only on a TTY that is not "dumb" — so
 * piped output and CI logs never get escape codes unless asked.
 */
export function colourEnabled(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function terminalStyle(colour: boolean): TerminalStyle {
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  return {
    pass: (text) => chalk.green(text),
    fail: (text) => chalk.red(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
  };
}

export function terminalLayout(
  stream: TerminalStream,
  options: { verbose?: boolean; env?: NodeJS.ProcessEnv } = {},
): TerminalLayout {
  const env = options.env ?? process.env;
  return {
    width: terminalWidth(stream, env),
    verbose: options.verbose ?? false,
    style: terminalStyle(colourEnabled(stream, env)),
  };
}

/** No colour, 80 columns: what tests and callers without a stream get. */
export const PLAIN_LAYOUT: TerminalLayout = {
  width: DEFAULT_WIDTH,
  verbose: false,
  style: terminalStyle(false),
};
