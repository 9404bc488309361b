import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/app/config/paths.js';

/**
 * How tests run the real CLI: the built `kavak` (npm test builds first, in `pretest`), as one
 * node process like a user's — no wrapper process in between to relay signals, and no tsx
 * compiling the sources at every start (on a loaded 2-core CI machine that alone took > 10 s).
 */
export const CLI = [process.execPath, join(packageRoot(), 'bin/kavak.js')];

/** How long one CLI run may take before it is killed; generous, for a loaded CI machine. */
export const CLI_RUN_TIMEOUT_MS = 60_000;

export interface KavakRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a child process, the way a user runs it, with a clean environment: no
 * API keys leak in from the developer's shell.
 */
export function runKavak(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<KavakRun> {
  const [node, ...cli] = CLI;
  return new Promise((resolve) => {
    const child = execFile(
      node!,
      [...cli, ...args],
      {
        cwd: options.cwd ?? packageRoot(),
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
        timeout: CLI_RUN_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
