/**
 * Test-only entry: the kavak program with serve/send registered, for as long as
 * src/cli/run-cli.ts does not register them itself (then serve-process.ts uses the real
 * src/cli/index.ts and this file is unused). Same error boundary as runCli.
 */
import { CommanderError } from 'commander';
import { registerServeCommands } from '../../../src/cli/commands/register-serve.js';
import { buildProgram } from '../../../src/cli/run-cli.js';
import { KavakError } from '../../../src/core/errors.js';

const program = buildProgram();
registerServeCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (KavakError.is(error)) {
    process.stderr.write(`kavak: ${error.message}\n${error.hint ? `  → ${error.hint}\n` : ''}`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(
      `kavak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  }
}
