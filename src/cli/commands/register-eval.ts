import { CommanderError, Option, type Command } from 'commander';
import { globalFlags } from '../run-cli.js';
import { registerSimulateCommand } from './register-simulate.js';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * Bad flags are a failed run (exit 2), not a failed gate (exit 1, commander's default for usage
 * errors). Help and version keep their own codes.
 */
function usageErrorsExitWith2(command: Command): Command {
  return command.exitOverride((error: CommanderError) => {
    if (error.exitCode === 1) throw new CommanderError(2, error.code, error.message);
    throw error;
  });
}

/** Adds `kavak eval` and `kavak eval calibrate`. Each imports its implementation lazily. */
export function registerEvalCommands(program: Command): void {
  const evalCmd = usageErrorsExitWith2(
    program
      .command('eval')
      .description(
        'run the golden set through the pipeline, score every reply, write reports and gate (exit 0 pass, 1 below a gate, 2 run failed)',
      )
      .option('-j, --concurrency <n>', 'cases run at once (default 4)')
      .option('--filter <expr>', 'case id, tag (tag:x), /regex/, or several separated by commas')
      .option('--repeat <k>', 'run each case k times: pass rate per case, flaky cases listed (default 1)')
      .option('--max-cost <usd>', 'stop starting cases once the estimated agent + judge cost reaches this')
      .option(
        '--dry-run',
        'validate the golden set and rubrics, print the model-call count and a cost estimate; call no model',
      )
      .option(
        '--rescore <results.json>',
        're-score the replies of an earlier run with the current golden set (no agent calls)',
      )
      .option(
        '--baseline <results.json>',
        "compare with an earlier run: newly failing/passing cases and McNemar's test",
      )
      .option('--fail-on-regression', 'exit 1 on a significant regression against --baseline (p < 0.05)')
      .option('--min-pass-rate <rate>', 'share of cases that must pass, 0–1')
      .option(
        '--scorer-threshold <name=rate>',
        'minimum pass rate for a scorer, e.g. facts=1 or judge:tone=0.8 (repeatable)',
        collect,
      )
      .option('--tag-threshold <tag=rate>', 'minimum pass rate of the cases with a tag (repeatable)', collect)
      .option('--rpm <n>', 'requests per minute for agent and judge calls together')
      .option('--case-timeout <ms>', 'give up on a case after this long (default 300000)')
      .option('--golden-set <dir>', 'golden-set folder (default: the bundled golden-set/)')
      .option('--judges <dir>', 'rubrics folder (default: the bundled judges/)')
      .option(
        '--scorers <dir>',
        'custom scorers (*.js, *.mjs, *.ts) to run too (default: ./scorers if present)',
      )
      .option(
        '--target <url>',
        'drive a running kavak serve webhook with signed Twilio requests instead of the in-process pipeline',
      )
      .option(
        '--target-signed-url <url>',
        "with --target: the URL to sign, when it is not --target (the server's --public-url)",
      )
      .option(
        '--capture-port <port>',
        "with --target in REST reply mode: read replies on 127.0.0.1:<port> (the server's KAVAK_TWILIO_API_URL)",
      )
      .option('--turn-timeout <ms>', 'with --target: longest wait for one reply (default 30000)')
      .option(
        '--out <dir>',
        'reports folder; each run writes <dir>/<run-id>/ and points <dir>/latest at it',
        'reports',
      )
      .option(
        '--keep-runs <n>',
        'run folders kept in --out; older ones are deleted (default 50, config eval.keepRuns)',
      )
      .option(
        '--output <file>',
        'also write the run as one file: .json (results), .csv (one row per turn), .md (summary) or .html (report)',
      )
      .option('--json', 'print the summary and the gate verdict as JSON')
      .option('--no-progress', 'no progress bar or per-case lines')
      .option('--verbose', 'every tag and the whole intent confusion matrix, not just the worst')
      .addOption(
        new Option(
          '--judge-runtime <name>',
          "runtime for the judges (default: config judge.runtime, else the agent's)",
        ).choices(['offline', 'openai', 'replay']),
      )
      .option('--judge-model <name>', 'model for the judges')
      .option('--judge-base-url <url>', 'OpenAI-compatible server for the judges')
      .option('--judge-samples <n>', 'judge each reply n times and take the majority (default 1)')
      .option(
        '--changed-prompts <git-ref>',
        'run only the cases a prompt, rubric or golden-set file changed since <git-ref> can affect (none: exit 0)',
      )
      .option('--pr-comment <file>', 'also write a pull-request comment (summary.md + comparison) to <file>')
      .option('--watch', 're-run the affected cases whenever a prompt, rubric or golden-set file changes')
      .option(
        '--variant <name=config-file>',
        'run the golden set once per variant, a config overlay each, side by side; the first is compared with and gated (repeatable)',
        collect,
      )
      .option('--no-cache', 'call the model for every request, ignoring the response cache')
      .option('--cache-dir <dir>', 'response cache folder (default .kavak/cache, or KAVAK_CACHE_DIR)')
      .action(async (flags: Record<string, unknown>, command: Command) => {
        const { evalCommand } = await import('./eval.js');
        await evalCommand({ globals: globalFlags(command), flags });
      }),
  );

  usageErrorsExitWith2(registerSimulateCommand(evalCmd));

  usageErrorsExitWith2(
    evalCmd
      .command('calibrate')
      .description(
        "run the judges on human-labelled replies and report agreement per rubric (accuracy, TPR, TNR, Cohen's kappa)",
      )
      .option('--labels <file>', 'labelled replies (default: the bundled judges/calibration/labels.yaml)')
      .option('--judges <dir>', 'rubrics folder (default: the bundled judges/)')
      .option('--json', 'print the agreement table as JSON')
      .option(
        '--dry-run',
        'validate labels, rubrics and judge prompts, print calls and a cost estimate; call no model',
      )
      .addOption(
        new Option('--judge-runtime <name>', 'runtime for the judges').choices([
          'offline',
          'openai',
          'replay',
        ]),
      )
      .option('--judge-model <name>', 'model for the judges')
      .option('--judge-base-url <url>', 'OpenAI-compatible server for the judges')
      .option('--judge-samples <n>', 'judge each reply n times and take the majority (default 1)')
      .action(async (_flags: Record<string, unknown>, command: Command) => {
        const { calibrateCommand } = await import('./eval-calibrate.js');
        // With globals: `eval` defines --judge-* and --json too, and commander hands them to it
        // even when they come after `calibrate`.
        await calibrateCommand({ globals: globalFlags(command), flags: command.optsWithGlobals() });
      }),
  );
}
