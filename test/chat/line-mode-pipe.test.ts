import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_RUN_TIMEOUT_MS } from '../helpers/run-kavak.js';
import { CLI, workspace } from './cli.js';

function chat(input: string, ...args: string[]) {
  const ws = workspace();
  const [command, ...rest] = CLI;
  const run = spawnSync(command!, [...rest, 'chat', ...args], {
    cwd: ws.dir,
    env: ws.env,
    input,
    encoding: 'utf8',
    timeout: CLI_RUN_TIMEOUT_MS,
  });
  return { ...run, ws };
}

// One CLI run per test, bounded by its own deadline.
describe('kavak chat with stdin piped (no terminal)', { timeout: CLI_RUN_TIMEOUT_MS + 10_000 }, () => {
  it('prints one reply per line on stdout and never touches raw mode', () => {
    const run = chat('hola\nbusco un Nissan Versa\n');
    expect(run.stderr).not.toMatch(/raw mode|Raw mode/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/hola|bienvenid/i);
    expect(run.stdout).toMatch(/Nissan Versa 20\d\d/);
    expect(run.stderr).toMatch(/line mode: conversation c_/);
  });

  it('--json prints one JSON object per line with the reply and its trace', () => {
    const run = chat('busco un Nissan Versa\n/trace\n', '--json');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; reply?: string; trace?: { intents: { type: string }[] } });
    expect(lines.map((l) => l.type)).toEqual(['reply', 'trace']);
    expect(lines[0]!.reply).toMatch(/Nissan Versa 20\d\d/);
    expect(lines[0]!.trace!.intents.map((i) => i.type)).toContain('car_recommendation');
  });
});
