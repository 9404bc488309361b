import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runNode } from './node-child.js';

const ENTRY = join(REPO, 'dist/cli/index.js');

function newestMtime(dir: string, include: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, include));
    else if (include(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export interface BuildState {
  built: boolean;
  /** Set when tsc reported errors but emitted dist/ anyway (someone's work in progress). */
  warning?: string;
}

/** Runs `npm run build` (tsc -p tsconfig.build.json) when dist/ is missing or older than src/. */
export async function ensureBuild(log: (message: string) => void): Promise<BuildState> {
  const source = newestMtime(
    join(REPO, 'src'),
    (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name),
  );
  if (existsSync(ENTRY) && newestMtime(join(REPO, 'dist'), (name) => name.endsWith('.js')) >= source)
    return { built: false };
  log('dist/ is missing or older than src/: npm run build');
  const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
  const result = await runNode([tsc, '-p', 'tsconfig.build.json'], {
    timeoutMs: 300_000,
    env: { ...process.env } as Record<string, string>,
  });
  if (result.code === 0) return { built: true };
  if (!existsSync(ENTRY))
    throw new Error(
      `npm run build failed and dist/cli/index.js is missing:\n${result.stdout.slice(0, 3000)}`,
    );
  const first = result.stdout.split('\n').find((line) => line.includes('error TS')) ?? 'see npm run build';
  return {
    built: true,
    warning: `npm run build reported type errors (dist/ was emitted and measured anyway): ${first}`,
  };
}
