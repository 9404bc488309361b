import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (where data/, prompts/ and judges/ ship), found from this file whether it
 * runs from src/ (tsx, vitest) or dist/ (the built CLI).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('kavak: cannot find its package folder (prompts/ and data/ are missing).');
}

export const DEFAULT_PATHS = {
  catalog: 'data/catalog.csv',
  knowledge: 'data/knowledge',
  prompts: 'prompts',
} as const;
