import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './chat-fixture.js';

export { CLI } from '../helpers/run-kavak.js';

export interface Workspace {
  dir: string;
  prompts: string;
  goldenSet: string;
  /** The environment for the CLI: offline runtime, temp database and golden set, no API key. */
  env: Record<string, string>;
}

/** A temp working folder with its own prompts (copied, so tests may edit them) and kavak.config.json. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-chat-cli-'));
  const prompts = join(dir, 'prompts');
  cpSync(join(REPO, 'prompts'), prompts, { recursive: true });
  writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify({ runtime: 'offline', prompts: 'prompts' }));
  const goldenSet = join(dir, 'golden-set');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    LANG: 'C.UTF-8',
    KAVAK_DB: join(dir, 'kavak.db'),
    KAVAK_GOLDEN_SET_DIR: goldenSet,
  };
  return { dir, prompts, goldenSet, env };
}

export function hasCommand(command: string, ...args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}
