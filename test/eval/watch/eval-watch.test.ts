/**
 * `kavak eval --watch` as a prompt engineer runs it: the built CLI on a copy of prompts/, judges/
 * and a small golden set. An edit re-runs only the cases it affects (once per save, however many
 * events the save makes); a golden-set file that does not parse is reported and the watch goes
 * on; a failed gate does not end it; Ctrl-C does, with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../../helpers/run-kavak.js';
import {
  FINANCING_IDS,
  FREE_ID,
  greetingFile,
  GREETING_IDS,
  makePromptRepo,
  newestRunCases,
  touch,
} from '../ci/prompt-repo.js';

/** Generous: the machine running the tests may be loaded. */
const CONDITION_TIMEOUT_MS = 60_000;

interface Watching {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the match once the output (from `from` on) matches; rejects on timeout or exit. */
  waitFor: (pattern: RegExp, from?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function watchEval(dir: string, args: string[]): Watching {
  const [node, ...cli] = CLI;
  const child = spawn(node!, [...cli, 'eval', '--watch', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = text.slice(from).match(pattern);
        if (!match) return;
        done();
        resolve(match);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}; output:\n${text.slice(-3000)}`));
      }, CONDITION_TIMEOUT_MS);
      const onExit = () => {
        done();
        reject(new Error(`kavak exited while waiting for ${pattern}; output:\n${text.slice(-3000)}`));
      };
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });
  return { child, output: () => text, waitFor, exited };
}

let running: Watching | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

describe('kavak eval --watch', () => {
  it(
    're-runs only the affected cases, survives a broken file and a failed gate, and stops on Ctrl-C',
    { timeout: 240_000 },
    async () => {
      const dir = makePromptRepo();
      const watch = watchEval(dir, [
        '--runtime',
        'offline',
        '--no-progress',
        '--golden-set',
        'golden-set',
        '--judges',
        'judges',
        '--out',
        'reports',
        '--min-pass-rate',
        '1',
      ]);
      running = watch;
      await watch.waitFor(/watch: watching /);
      expect(newestRunCases(dir)).toHaveLength(GREETING_IDS.length + FINANCING_IDS.length + 1);

      // An agent's prompt: the cases expecting its intents, and the one that expects none.
      let from = watch.output().length;
      touch(dir, 'prompts/agents/financing.md');
      const rerun = await watch.waitFor(/watch: re-ran (\d+) cases \((gate \w+)\): (.*)\n/, from);
      const expected = [...FINANCING_IDS, FREE_ID].sort();
      expect(rerun[3]!.split(', ').sort()).toEqual(expected);
      expect(newestRunCases(dir)).toEqual(expected);
      expect(
        watch
          .output()
          .slice(from)
          .match(/re-running/g),
      ).toHaveLength(1);

      // A golden-set file that does not parse: the error, then the watch goes on.
      from = watch.output().length;
      writeFileSync(join(dir, 'golden-set/greeting.yaml'), 'cases: [ { id: greet-1, turns: [\n');
      await watch.waitFor(/kavak: [\s\S]*greeting\.yaml[\s\S]*still watching/, from);
      expect(watch.child.exitCode).toBeNull();

      // Fixed, but every greeting now fails: a failed gate is printed, not an exit.
      from = watch.output().length;
      writeFileSync(join(dir, 'golden-set/greeting.yaml'), greetingFile(['palabra-que-nunca-aparece']));
      const failed = await watch.waitFor(/watch: re-ran (\d+) cases \((gate \w+)\): (.*)\n/, from);
      expect(failed[2]).toBe('gate failed');
      expect(failed[3]!.split(', ').sort()).toEqual([...GREETING_IDS].sort());
      await watch.waitFor(/waiting for changes/, from);
      expect(watch.child.exitCode).toBeNull();

      watch.child.kill('SIGINT');
      expect(await watch.exited).toBe(0);
      expect(watch.output()).toContain('watch: stopped.');
    },
  );
});
