import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kavak } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet } from './eval-fixtures.js';

/** What `kavak eval` prints to stdout, through the real CLI on the offline runtime. */
let stdout = '';
const tty = { isTTY: process.stdout.isTTY, columns: process.stdout.columns };
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  // The test runner's own colour settings must not leak in.
  vi.stubEnv('FORCE_COLOR', undefined);
  vi.stubEnv('NO_COLOR', undefined);
  vi.stubEnv('COLUMNS', undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  Object.assign(process.stdout, tty);
});

/** Stdout as a terminal of this width (what process.stdout says inside a real terminal). */
function asTerminal(columns: number): void {
  Object.assign(process.stdout, { isTTY: true, columns });
}

function evalOffline(golden: string | undefined, out: string, ...flags: string[]) {
  const set = golden ? ['--golden-set', golden] : [];
  return kavak('--runtime', 'offline', 'eval', ...set, '--out', out, '--no-progress', ...flags);
}

const ESC = '\x1b[';
const visibleLines = (text: string) => stripVTControlCharacters(text).trimEnd().split('\n');

/** Cases that fail with long reasons, wide characters and a long id. */
function failingGoldenSet(): string {
  const words = Array.from({ length: 12 }, (_, i) => `palabra-inexistente-número-${i}`);
  return writeGoldenSet([
    helloCase('ok'),
    helloCase('a-rather-long-case-identifier-about-financing-and-down-payments', 'hola', words),
    helloCase('wide', 'hola', ['車車車車車車車車車車車車車車車車車車', '🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗🚗']),
  ]);
}

describe('kavak eval in the terminal', () => {
  it('fits 80 columns: no line wider than the terminal, long reasons end in an ellipsis', async () => {
    asTerminal(80);
    expect(await evalOffline(failingGoldenSet(), tempDir())).toBe(0);
    const lines = visibleLines(stdout);
    const tooWide = lines.filter((line) => stringWidth(line) > 80);
    expect(tooWide).toEqual([]);
    const failing = lines.filter((l) => l.startsWith('│ a-rather') || l.startsWith('│ wide'));
    expect(failing).toHaveLength(2);
    for (const row of failing) expect(row).toMatch(/…\s*│$/);
  });

  it('reads the width from COLUMNS when stdout is not a terminal (80 by default)', async () => {
    const golden = failingGoldenSet();
    vi.stubEnv('COLUMNS', '60');
    await evalOffline(golden, tempDir());
    expect(Math.max(...visibleLines(stdout).map((l) => stringWidth(l)))).toBeLessThanOrEqual(60);
    vi.stubEnv('COLUMNS', undefined);
    stdout = '';
    await evalOffline(golden, tempDir());
    expect(Math.max(...visibleLines(stdout).map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
  });

  it('puts the details first and the baseline comparison, then the gate, last', async () => {
    const golden = failingGoldenSet();
    const out = tempDir();
    await evalOffline(golden, out);
    stdout = '';
    await evalOffline(
      golden,
      out,
      '--baseline',
      join(out, 'latest', 'results.json'),
      '--min-pass-rate',
      '0.9',
    );
    const lines = visibleLines(stdout);
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('Run ')).toBe(0);
    expect(at('Failing cases')).toBeGreaterThan(at('By tag'));
    expect(at('Compared with')).toBeGreaterThan(at('Failing cases'));
    expect(at('Gate: FAIL')).toBeGreaterThan(at('Compared with'));
    expect(lines.at(-1)).toMatch(/✗ pass rate 33\.3% \(1\/3\) is below the minimum 90\.0%/);
  });

  it('colours pass and fail on a terminal, and never when piped or under NO_COLOR', async () => {
    const golden = failingGoldenSet();
    asTerminal(100);
    await evalOffline(golden, tempDir(), '--min-pass-rate', '0.9');
    expect(stdout).toContain(`${ESC}31m`); // red: the failing cases and the gate
    expect(stdout).toContain(`${ESC}1m${ESC}31mGate: FAIL`);

    stdout = '';
    vi.stubEnv('NO_COLOR', '1');
    await evalOffline(golden, tempDir());
    expect(stdout).not.toContain(ESC);

    stdout = '';
    vi.stubEnv('NO_COLOR', undefined);
    Object.assign(process.stdout, { isTTY: false });
    await evalOffline(golden, tempDir());
    expect(stdout).not.toContain(ESC);

    stdout = '';
    vi.stubEnv('FORCE_COLOR', '1');
    await evalOffline(golden, tempDir());
    expect(stdout).toContain(`${ESC}32m`); // green: the passing case's 100% tag … and pass rates
  });

  it('shows the worst 8 tags and says how many it hid, unless --verbose', async () => {
    const out = tempDir();
    expect(await evalOffline(undefined, out, '--filter', 'tag:handoff')).toBe(0);
    const tags = (text: string) => {
      const lines = visibleLines(text);
      const start = lines.findIndex((l) => l.startsWith('By tag'));
      const end = lines.findIndex((l, i) => i > start + 2 && l.startsWith('└'));
      return { rows: end - start - 4, after: lines[end + 1] ?? '' };
    };
    const short = tags(stdout);
    expect(short.rows).toBe(8);
    expect(short.after).toMatch(/^\d+ more tags? hidden \(.*\); --verbose lists every tag\.$/);
    const hidden = Number(/^(\d+)/.exec(short.after)![1]);

    stdout = '';
    await evalOffline(undefined, out, '--filter', 'tag:handoff', '--verbose');
    const all = tags(stdout);
    expect(all.rows).toBe(8 + hidden);
    expect(all.after).toBe('');
  });
});
