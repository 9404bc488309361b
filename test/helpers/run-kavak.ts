import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/config/paths.js';

export interface KavakRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI from source (tsx) as a child process, the way a user runs it, with a clean
 * environment: no API keys leak in from the developer's shell.
 */
export function runKavak(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<KavakRun> {
  const root = packageRoot();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/index.ts'), ...args],
      {
        cwd: options.cwd ?? root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
