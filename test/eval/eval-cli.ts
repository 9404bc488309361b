/**
 * Runs `kavak …` in-process and returns the exit code the CLI would exit with.
 *
 * Once the lead registers the eval commands in buildProgram this is just runCli. Until then it
 * adds them to a fresh program and maps errors as runCli's boundary does (ExitCode, commander
 * errors, KavakError exit codes, anything else 2), so the tests check the same codes.
 */
import { CommanderError } from 'commander';
import { registerEvalCommands } from '../../src/cli/commands/register-eval.js';
import { buildProgram, ExitCode, runCli } from '../../src/cli/run-cli.js';
import { KavakError } from '../../src/core/errors.js';

export async function kavak(...args: string[]): Promise<number> {
  const argv = ['node', 'kavak', ...args];
  if (buildProgram().commands.some((c) => c.name() === 'eval')) return runCli(argv);
  const program = buildProgram();
  registerEvalCommands(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) return error.exitCode;
    if (KavakError.is(error)) {
      process.stderr.write(`kavak: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`kavak: unexpected error: ${String(error)}\n`);
    return 2;
  }
}
