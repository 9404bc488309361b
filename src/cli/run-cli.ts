import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { KavakError } from '../support/errors.js';
import { packageRoot } from '../app/config/paths.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../app/config/defaults.js';
import type { GlobalFlags } from '../app/config/load-config.js';
import { registerChatCommand } from './commands/register-chat.js';
import { registerServeCommands } from './commands/register-serve.js';
import { registerEvalCommands } from './commands/register-eval.js';
import { registerDbCommands } from './commands/register-db.js';

/** Signals that a command finished and wants this exit code (e.g. eval's gate). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit code ${code}`);
    this.name = 'ExitCode';
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('kavak')
    .description('AI sales agent for Kavak used cars on WhatsApp: ask, chat, eval and serve on one pipeline.')
    .version(version(), '-v, --version')
    .addOption(new Option('--runtime <name>', 'LLM runtime').choices(['offline', 'openai', 'replay']))
    .option('--model <name>', 'model for the openai runtime (default gpt-4o-mini)')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama)')
    .option('--config <file>', 'config file (default ./kavak.config.json)')
    .option('--db <file|url>', 'SQLite file or postgres:// URL (default .kavak/kavak.db, or KAVAK_DB)')
    .option('--catalog <file>', 'catalog CSV (default: the bundled sample catalog)')
    .option('--record <dir>', 'record every model call as JSON in this folder')
    .option('--replay <dir>', 'answer model calls from recordings in this folder')
    .option(
      '--timeout-ms <ms>',
      `give up on one model request after this long (default ${DEFAULT_TIMEOUT_MS}, or KAVAK_TIMEOUT_MS)`,
    )
    .option(
      '--max-retries <n>',
      `retries of a failed model request, 0-10 (default ${DEFAULT_MAX_RETRIES}, or KAVAK_MAX_RETRIES)`,
    )
    .showHelpAfterError('(run kavak --help for usage)')
    .exitOverride();

  program
    .command('ask')
    .description('run one customer message through the pipeline and print the reply')
    .argument('<message>', 'the customer message, in Spanish')
    .option('-c, --conversation <id>', 'continue this conversation (default: a new one)')
    .option('--json', 'print the reply and the whole trace as JSON')
    .action(async (message: string, options: { conversation?: string; json?: boolean }, command: Command) => {
      const { askCommand } = await import('./commands/ask.js');
      await askCommand({ ...globalFlags(command), message, ...options });
    });

  registerChatCommand(program);
  registerEvalCommands(program);
  registerServeCommands(program);
  registerDbCommands(program);
  return program;
}

export function globalFlags(command: Command): GlobalFlags {
  return command.optsWithGlobals<GlobalFlags>();
}

/** The one error boundary: user errors become a message and an exit code, never a stack trace. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) return error.exitCode;
    if (KavakError.is(error)) {
      process.stderr.write(`kavak: ${error.message}\n`);
      if (error.hint) process.stderr.write(`  → ${error.hint}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `kavak: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.stderr.write('  → This is a bug in kavak; please report it with the command you ran.\n');
    return 2;
  }
}
