import { Option, type Command } from 'commander';
import { UserInputError } from '../../support/errors.js';
import { globalFlags } from '../run-cli.js';

/**
 * The flags the user gave `kavak eval simulate`. `eval` defines -j, --out, --json … too and
 * commander hands those to it even after `simulate`: take them from there when typed, and
 * refuse an eval flag simulate does not have rather than ignore it.
 */
function simulateFlags(command: Command): Record<string, unknown> {
  const parent = command.parent!;
  const own = new Set(command.options.map((option) => option.attributeName()));
  const typed = Object.entries(parent.opts()).filter(([key]) => parent.getOptionValueSource(key) === 'cli');
  const foreign = typed.filter(([key]) => !own.has(key)).map(([key]) => key);
  if (foreign.length > 0) {
    const names = foreign.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new UserInputError(`${names.join(', ')}: not a kavak eval simulate option.`, {
      hint: 'Run kavak eval simulate --help for the options.',
      exitCode: 2,
    });
  }
  return { ...command.opts(), ...Object.fromEntries(typed) };
}

/** Adds `kavak eval simulate`; its implementation is imported lazily. */
export function registerSimulateCommand(evalCmd: Command): Command {
  return evalCmd
    .command('simulate')
    .description(
      'play the personas (personas/*.yaml) against the agent as simulated customers, score each conversation, write the eval reports and gate; offline: scripted customers, no key',
    )
    .option('--persona <ids>', 'only these personas, by id, separated by commas')
    .option('--personas <dir>', 'personas folder (default ./personas, else the bundled one)')
    .option('--max-turns <n>', "customer messages per conversation (default: each persona's maxTurns)")
    .option('--runs <k>', 'conversations per persona, seeds seed…seed+k-1 (default 1)')
    .option('--seed <n>', 'first seed: the same seed plays the same offline conversation (default 1)')
    .option('-j, --concurrency <n>', 'conversations at once (default 4)')
    .option('--max-cost <usd>', 'stop starting conversations once agent + judge cost reaches this')
    .option('--min-pass-rate <rate>', 'share of conversations that must pass, 0–1')
    .option('--rpm <n>', 'requests per minute for agent and customer calls together')
    .option('--case-timeout <ms>', 'give up on a conversation after this long (default 300000)')
    .addOption(
      new Option('--customer-runtime <name>', "runtime playing the customer (default: the agent's)").choices([
        'offline',
        'openai',
        'replay',
      ]),
    )
    .option('--customer-model <name>', 'model playing the customer')
    .option('--customer-base-url <url>', 'OpenAI-compatible server for the customer')
    .option(
      '--judges <dir>',
      'rubrics folder (default: the bundled judges/); conversation rubrics score each conversation',
    )
    .option('--scorers <dir>', 'custom scorers to run too (default: ./scorers if present)')
    .addOption(
      new Option(
        '--judge-runtime <name>',
        "runtime for the judges (default: config judge.runtime, else the agent's)",
      ).choices(['offline', 'openai', 'replay']),
    )
    .option('--judge-model <name>', 'model for the judges')
    .option('--judge-base-url <url>', 'OpenAI-compatible server for the judges')
    .option('--judge-samples <n>', 'judge each conversation n times and take the majority (default 1)')
    .option('--out <dir>', 'reports folder (default reports)')
    .option('--json', 'print the summary and the gate verdict as JSON')
    .option('--no-progress', 'no progress bar or per-case lines')
    .option(
      '--save-case <run-dir/case-id>',
      'save a simulated conversation as a golden-set case (with --to); runs nothing',
    )
    .option('--to <file.yaml>', 'golden-set file the case is added to (created if missing)')
    .option('--id <case-id>', 'id of the saved case (default sim-<case-id>)')
    .action(async (_flags: Record<string, unknown>, command: Command) => {
      const { simulateCommand } = await import('./eval-simulate.js');
      await simulateCommand({ globals: globalFlags(command), flags: simulateFlags(command) });
    });
}
