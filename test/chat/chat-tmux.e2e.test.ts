import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGoldenSet } from '../../src/eval/golden-set/load.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';
import { REPO } from './chat-fixture.js';
import { CLI, hasCommand, workspace, type Workspace } from './cli.js';

const TMUX = hasCommand('tmux', '-V');
if (!TMUX)
  console.warn('kavak chat e2e skipped: tmux is not installed (apt-get install tmux; .ci/run installs it).');

const SOCKET = `kavak-chat-e2e-${process.pid}`;
const SESSION = 'chat';
const STARTUP_MS = 45_000;
const STEP_MS = 20_000;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

/** The whole pane, scrollback included (answered messages scroll up), wrapped lines joined. */
function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-t', SESSION, '-S', '-500');
}

async function waitFor(pattern: RegExp, timeoutMs = STEP_MS): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`kavak chat never showed ${pattern}. The terminal:\n${text}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function type(text: string): void {
  tmux('send-keys', '-t', SESSION, '-l', text);
  tmux('send-keys', '-t', SESSION, 'Enter');
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe.skipIf(!TMUX)('kavak chat in a real terminal (tmux)', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = workspace();
    const env = Object.entries(ws.env).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const command = ['env', '-i', ...env, 'TERM=xterm-256color', ...CLI.map(shellQuote), 'chat'].join(' ');
    // remain-on-exit keeps the pane after the chat quits, so the test can read how it ended.
    writeFileSync(join(ws.dir, 'tmux.conf'), 'set -g remain-on-exit on\nset -g history-limit 5000\n');
    execFileSync('tmux', [
      '-L',
      SOCKET,
      '-f',
      join(ws.dir, 'tmux.conf'),
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '120',
      '-y',
      '45',
      '-c',
      ws.dir,
      command,
    ]);
  });

  afterAll(() => {
    if (TMUX) {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
    }
  });

  it(
    'answers a car question with catalog cars, shows the intent in the trace, saves a case and quits cleanly',
    { timeout: 120_000 },
    async () => {
      await waitFor(/New conversation c_\w+/, STARTUP_MS);
      expect(screen()).toMatch(/offline · offline · c_\w+ · 0 turn\(s\)/);

      type('Hola, busco un Nissan Versa');
      const answered = await waitFor(/1 turn\(s\)/);
      const catalog = await loadCatalog(join(REPO, 'data/catalog.csv'));
      const versas = catalog.cars.filter((c) => c.model === 'Versa');
      expect(versas.length).toBeGreaterThan(0);
      // The reply names catalog cars (with their stock ids), in Spanish.
      expect(
        versas.some((c) => answered.includes(`Nissan Versa ${c.year}`) && answered.includes(c.stockId)),
      ).toBe(true);
      expect(answered).toMatch(/Kavak/);

      tmux('send-keys', '-t', SESSION, 'Tab');
      const traced = await waitFor(/Intents[\s\S]*car_recommendation/);
      expect(traced).toMatch(/catalog\.search/);
      expect(traced).toMatch(/tracking id t_\w+/);

      type('/reload');
      await waitFor(/Reloaded prompt files, catalog \(\d+ cars\)/);

      type('/save versa-tmux');
      await waitFor(/Saved case "versa-tmux"/);
      const [saved] = await loadGoldenSet(ws.goldenSet);
      expect(saved?.turns[0]?.expect.intents).toContain('car_recommendation');

      type('/quit');
      const until = Date.now() + STEP_MS;
      while (tmux('display-message', '-p', '-t', SESSION, '#{pane_dead}').trim() !== '1') {
        if (Date.now() > until)
          throw new Error(`kavak chat did not exit after /quit. The terminal:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(tmux('display-message', '-p', '-t', SESSION, '#{pane_dead_status}').trim()).toBe('0');
      expect(existsSync(join(ws.goldenSet, 'versa-tmux.yaml'))).toBe(true);
    },
  );
});
