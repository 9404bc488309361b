/**
 * `npm run bench [-- <bench>...] [--delay-ms 200] [--webhook-seconds 20] [--cli-runs 10] [--scale-seconds 10] [--scale-messages 200]`
 * Runs the benches (all, or the ones named), prints a table per bench and writes
 * bench/results.json. Every server is on 127.0.0.1 and every bench stops by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHES, BENCH_NAMES } from './benches/registry.js';
import { runBench } from './harness/run-bench.js';
import type { BenchOptions } from './harness/bench.js';
import { describeMachine } from './harness/machine.js';
import { renderReport, renderSummary } from './harness/render-table.js';
import { writeResults } from './harness/results-file.js';
import { REPO } from './support/node-child.js';

const USAGE = `usage: npm run bench -- [${BENCH_NAMES.join('|')} ...] [--delay-ms N] [--webhook-seconds N] [--webhook-rates 200,500,1000] [--webhook-drain-cap S] [--eval-j 1,4,16,64] [--cli-runs N] [--scale-seconds N] [--scale-messages N] [--scale-ack-only] [--keep]`;

function numbers(text: string, flag: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new Error(`${flag} takes positive numbers separated by commas, e.g. ${flag} 1,4`);
  return values;
}

function parseCommandLine(argv: string[]): { names: string[]; options: BenchOptions; keep: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'delay-ms': { type: 'string', default: '200' },
      'webhook-seconds': { type: 'string' },
      'webhook-rates': { type: 'string', default: '200,500,1000' },
      'webhook-drain-cap': { type: 'string' },
      'eval-j': { type: 'string', default: '1,4,16,64' },
      'cli-runs': { type: 'string', default: '10' },
      'scale-seconds': { type: 'string', default: '10' },
      'scale-messages': { type: 'string', default: '200' },
      'scale-ack-only': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const unknown = positionals.filter((name) => !BENCH_NAMES.includes(name));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; ${USAGE}`);
  const names = positionals.length > 0 ? positionals : BENCH_NAMES;
  const alone = names.length === 1 && names[0] === 'webhook';
  return {
    names,
    keep: values.keep,
    options: {
      modelDelayMs: numbers(values['delay-ms'], '--delay-ms')[0]!,
      // Alone, the webhook bench offers each load for 20 s; in a full run, 6 s (and a 60 s drain
      // cap) keeps `npm run bench` under 10 minutes on 2 cores; alone, the drain may take 4 minutes.
      webhookSeconds: numbers(values['webhook-seconds'] ?? (alone ? '20' : '6'), '--webhook-seconds')[0]!,
      webhookRates: numbers(values['webhook-rates'], '--webhook-rates'),
      webhookDrainCapSeconds: numbers(
        values['webhook-drain-cap'] ?? (alone ? '240' : '60'),
        '--webhook-drain-cap',
      )[0]!,
      evalConcurrency: numbers(values['eval-j'], '--eval-j').map(Math.round),
      cliRuns: Math.round(numbers(values['cli-runs'], '--cli-runs')[0]!),
      scaleSeconds: numbers(values['scale-seconds'], '--scale-seconds')[0]!,
      scaleMessagesPerReplica: Math.round(numbers(values['scale-messages'], '--scale-messages')[0]!),
      scaleAckOnly: values['scale-ack-only'],
    },
  };
}

async function main(): Promise<number> {
  const { names, options, keep } = parseCommandLine(process.argv.slice(2));
  const workDir = mkdtempSync(join(tmpdir(), 'kavak-bench-'));
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const started = performance.now();
  // Before the benches: the commit measured and how busy the machine was when they started.
  const machine = describeMachine();
  log(
    `commit ${machine.commit}, ${machine.cores} × ${machine.cpuModel}, load average ${machine.loadAverage}`,
  );
  const reports = [];
  try {
    for (const name of names) {
      const report = await runBench(BENCHES[name]!, { options, workDir, log });
      process.stdout.write(`${renderReport(report)}\n`);
      reports.push(report);
    }
  } finally {
    if (keep) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`${renderSummary(reports)}\n`);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeResults(join(REPO, 'bench/results.json'), machine, command, reports);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote bench/results.json`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
