/** Runs `kavak …` in-process through the CLI's one error boundary and returns its exit code. */
import { runCli } from '../../src/cli/run-cli.js';

export function kavak(...args: string[]): Promise<number> {
  return runCli(['node', 'kavak', ...args]);
}
