/**
 * A throwaway git checkout shaped like a kavak project: the real prompts/ and judges/, a small
 * golden set (greeting, financing and intent-free cases) and a kavak.config.json pointing at them.
 * `main` holds the first commit; tests branch off it and change files like a pull request does.
 */
import { newestResultsFile } from '../../helpers/newest-run.js';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../src/app/config/paths.js';

export const GREETING_IDS = ['greet-1', 'greet-2', 'greet-3', 'greet-4', 'greet-5', 'greet-6', 'greet-7'];
export const FINANCING_IDS = ['fin-1', 'fin-2', 'fin-3'];
/** Its turn names no expected intents, so it may reach any agent. */
export const FREE_ID = 'free-1';
/** The financing cases judged by the tone rubric. */
export const TONE_IDS = ['fin-1', 'fin-2'];

const greeting = (id: string, any = ['hola']) => ({
  id,
  title: `saludo ${id}`,
  tags: ['greeting'],
  turns: [{ user: 'hola', expect: { intents: ['greeting'], keywords: { any } } }],
});
const financing = (id: string) => ({
  id,
  title: `mensualidad ${id}`,
  tags: ['financing'],
  turns: [
    {
      user: '¿Cuánto pagaría al mes por el Corolla 2020 con 20% de enganche a 4 años?',
      expect: {
        intents: ['financing'],
        keywords: { all: ['$6,371.06'] },
        ...(TONE_IDS.includes(id) ? { judges: ['tone'] } : {}),
      },
    },
  ],
});

/** golden-set/greeting.yaml; `any` is the words a greeting must contain. */
export function greetingFile(any?: string[]): string {
  return JSON.stringify({ cases: GREETING_IDS.map((id) => greeting(id, any)) }, null, 2);
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** Appends a line to a file of the checkout (a prompt edit the offline runtime ignores). */
export function touch(dir: string, path: string, line = '\n<!-- edited -->\n'): void {
  appendFileSync(join(dir, path), line);
}

export function makePromptRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-prompt-repo-'));
  cpSync(join(packageRoot(), 'prompts'), join(dir, 'prompts'), { recursive: true });
  cpSync(join(packageRoot(), 'judges'), join(dir, 'judges'), { recursive: true });
  mkdirSync(join(dir, 'golden-set'));
  writeFileSync(join(dir, 'golden-set/greeting.yaml'), greetingFile());
  writeFileSync(
    join(dir, 'golden-set/financing.yaml'),
    JSON.stringify({ cases: FINANCING_IDS.map(financing) }, null, 2),
  );
  writeFileSync(
    join(dir, 'golden-set/other.yaml'),
    JSON.stringify({
      cases: [{ id: FREE_ID, title: 'sin intención esperada', turns: [{ user: 'hola', expect: {} }] }],
    }),
  );
  writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify({ prompts: 'prompts' }));
  writeFileSync(join(dir, '.gitignore'), 'reports/\n.kavak/\n*.json.out\n');
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'first');
  git(dir, 'checkout', '-q', '-b', 'pr');
  return dir;
}

/** The last run's cases. */
export function newestRunCases(dir: string): string[] {
  const newest = newestResultsFile(join(dir, 'reports'));
  const results = JSON.parse(readFileSync(newest, 'utf8')) as {
    cases: { id: string }[];
  };
  return results.cases.map((c) => c.id).sort();
}
