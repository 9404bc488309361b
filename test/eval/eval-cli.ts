/** Runs `kavak …` in-process through the CLI's one error boundary and returns its exit code. */
import { runCli } from '../../src/cli/run-cli.js';

export function kavak(...args: string[]): Promise<number> {
  return runCli(['node', 'kavak', ...args]);
}

/** `kavak eval` on the offline runtime against a golden set, reports in `out`, no progress bar. */
export function evalOffline(golden: string, out: string, ...flags: string[]): Promise<number> {
  return kavak(
    '--runtime',
    'offline',
    'eval',
    '--golden-set',
    golden,
    '--out',
    out,
    '--no-progress',
    ...flags,
  );
}
