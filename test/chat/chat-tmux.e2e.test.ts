import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGoldenSet } from '../../src/eval/golden-set/load.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';
import { REPO } from './chat-fixture.js';
import { CLI, hasCommand, workspace, type Workspace } from './cli.js';

const TMUX = hasCommand('tmux', '-V');
if (!TMUX)
  console.warn('kavak chat e2e skipped: tmux is not installed (apt-get install tmux; .ci/run installs it).');

const SOCKET = `kavak-chat-e2e-${process.pid}`;
// Generous deadlines for a loaded 2-core CI machine; each wait ends as soon as the screen shows it.
const STARTUP_MS = 60_000;
const STEP_MS = 45_000;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `kavak chat` in a new tmux session of 120×45, in a fresh workspace; remembers the session for the helpers. */
function startChat(session: string): Workspace {
  const ws = workspace();
  const env = Object.entries(ws.env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const chat = ['env', '-i', ...env, 'TERM=xterm-256color', ...CLI.map(shellQuote), 'chat'].join(' ');
  // tmux does not reliably report how a pane's process ended: pane_dead can be 1 before the exit
  // status is in, and under load tmux may leave the process a zombie, its status never read. So
  // the shell around the chat writes the status to a file. `trap : INT` lets that shell outlive a
  // Ctrl+C; the chat itself gets the terminal's keys and signals as it would alone.
  const status = shellQuote(exitStatusFile(ws));
  const command = `trap : INT; ${chat}; echo $? > ${status}.tmp && mv ${status}.tmp ${status}`;
  // remain-on-exit keeps the pane after the chat quits, so a failing test can show its last screen.
  const conf = join(ws.dir, 'tmux.conf');
  writeFileSync(conf, 'set -g remain-on-exit on\nset -g history-limit 5000\n');
  execFileSync('tmux', [
    '-L',
    SOCKET,
    '-f',
    conf,
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '120',
    '-y',
    '45',
    '-c',
    ws.dir,
    'sh',
    '-c',
    command,
  ]);
  return ws;
}

const exitStatusFile = (ws: Workspace) => join(ws.dir, 'exit-status');

/** The whole pane, scrollback included (answered messages scroll up), wrapped lines joined. */
function screen(session: string): string {
  return tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-500');
}

async function waitFor(session: string, pattern: RegExp, timeoutMs = STEP_MS): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(session);
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`kavak chat never showed ${pattern}. The terminal:\n${text}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits for the chat process to end; returns its exit status as the shell saw it (130 after SIGINT). */
async function exitStatus(session: string, ws: Workspace): Promise<string> {
  const until = Date.now() + STEP_MS;
  for (;;) {
    const status = existsSync(exitStatusFile(ws)) ? readFileSync(exitStatusFile(ws), 'utf8').trim() : '';
    if (/^\d+$/.test(status)) return status;
    if (Date.now() > until) throw new Error(`kavak chat did not exit. The terminal:\n${screen(session)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function type(session: string, text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Enter');
}

describe.skipIf(!TMUX)('kavak chat in a real terminal (tmux)', () => {
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // No server left: every session already ended.
    }
  });

  it(
    'answers a car question with catalog cars, shows the intent in the trace, reloads, saves a case and quits cleanly',
    { timeout: STARTUP_MS + 7 * STEP_MS },
    async () => {
      const s = 'ask';
      const ws = startChat(s);
      await waitFor(s, /New conversation c_\w+/, STARTUP_MS);
      expect(screen(s)).toMatch(/offline · offline · c_\w+ · 0 turn\(s\)/);

      type(s, 'Hola, busco un Nissan Versa');
      const answered = await waitFor(s, /1 turn\(s\)/);
      const catalog = await loadCatalog(join(REPO, 'data/catalog.csv'));
      const versas = catalog.cars.filter((c) => c.model === 'Versa');
      expect(versas.length).toBeGreaterThan(0);
      // The reply names catalog cars, with their stock ids, in Spanish.
      expect(
        versas.some((c) => answered.includes(`Nissan Versa ${c.year}`) && answered.includes(c.stockId)),
      ).toBe(true);
      expect(answered).toMatch(/¿|¡|opci[oó]n/i);

      tmux('send-keys', '-t', s, 'Tab');
      const traced = await waitFor(s, /Intents[\s\S]*car_recommendation/);
      expect(traced).toMatch(/catalog\.search/);
      expect(traced).toMatch(/tracking id t_\w+/);

      type(s, '/reload');
      await waitFor(s, /Reloaded prompt files, catalog \(\d+ cars\)/);

      type(s, '/save versa-tmux');
      await waitFor(s, /Saved case "versa-tmux"/);
      const [saved] = await loadGoldenSet(ws.goldenSet);
      expect(saved?.turns[0]?.expect.intents).toContain('car_recommendation');

      type(s, '/quit');
      expect(await exitStatus(s, ws)).toBe('0');
    },
  );

  it('Ctrl+C leaves cleanly', { timeout: STARTUP_MS + STEP_MS + 10_000 }, async () => {
    const s = 'ctrl-c';
    const ws = startChat(s);
    await waitFor(s, /New conversation c_\w+/, STARTUP_MS);
    tmux('send-keys', '-t', s, 'C-c');
    expect(await exitStatus(s, ws)).toBe('0');
  });
});
