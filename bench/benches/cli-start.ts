import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, BenchContext } from '../harness/bench.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, median, percentile, round } from '../harness/stats.js';
import { selfTimeByModule, type CpuProfile } from '../support/cpu-profile.js';
import { ensureBuild } from '../support/ensure-build.js';
import { minimalEnv, REPO, runNode } from '../support/node-child.js';

const BIN = join(REPO, 'bin/kavak.js');

interface Command {
  label: string;
  args: string[];
  /** Median wall time target, ms; none for the baseline. */
  targetMs?: number;
}

function commands(workDir: string): Command[] {
  return [
    { label: 'node -e 0 (Node itself, the floor)', args: ['-e', '0'] },
    { label: 'kavak --version', args: [BIN, '--version'], targetMs: 300 },
    {
      label: 'kavak ask "hola" (offline)',
      args: [BIN, '--runtime', 'offline', '--db', join(workDir, 'cli.db'), 'ask', 'hola'],
      targetMs: 600,
    },
  ];
}

async function timeCommand(command: Command, runs: number, cwd: string): Promise<number[]> {
  const times: number[] = [];
  // One untimed run first: the OS file cache, and the SQLite file for ask.
  for (let i = 0; i <= runs; i++) {
    const result = await runNode(command.args, { cwd, env: minimalEnv() });
    if (result.code !== 0)
      throw new Error(`${command.label} exited ${result.code}: ${result.stderr.slice(0, 1500)}`);
    if (i > 0) times.push(result.wallMs);
  }
  return times;
}

/** Where a slow start spends its time: one run under `node --cpu-prof`, self time by package. */
async function profileStart(command: Command, cwd: string): Promise<string> {
  const dir = join(cwd, `cpu-prof-${command.args.length}`);
  const result = await runNode(['--cpu-prof', '--cpu-prof-dir', dir, ...command.args], {
    cwd,
    env: minimalEnv(),
  });
  if (result.code !== 0) return `${command.label}: the profiled run failed (${result.code})`;
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return `${command.label}: no .cpuprofile written`;
  const { totalMs, modules, packages } = selfTimeByModule(
    JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
    12,
  );
  return (
    `${command.label}: one run under node --cpu-prof (${totalMs} ms profiled), self time by module: ${modules.map((m) => `${m.module} ${m.selfMs} ms`).join(', ')}. ` +
    `Packages whose code ran: ${packages.join(', ')}.`
  );
}

export const cliStartBench: Bench = {
  name: 'cli',
  title: 'CLI start: wall time of a whole process (bin/kavak.js on dist/)',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const build = await ensureBuild(ctx.log);
    const runs = ctx.options.cliRuns;
    const measured: { command: Command; times: number[] }[] = [];
    for (const command of commands(ctx.workDir)) {
      ctx.log(`cli: ${command.label} × ${runs}`);
      measured.push({ command, times: await timeCommand(command, runs, ctx.workDir) });
    }
    const figures: Record<string, number> = {};
    const targets = [];
    const notes = [
      `Median of ${runs} runs after one untimed run; each run is a fresh \`node\` process in a temp folder with no OPENAI_API_KEY (spawn to exit, measured by the parent).`,
    ];
    if (build.built) notes.push(build.warning ?? 'dist/ was rebuilt first (npm run build).');
    for (const { command, times } of measured) {
      const key = command.targetMs === undefined ? 'node' : command.args.includes('ask') ? 'ask' : 'version';
      figures[`${key}.medianMs`] = round(median(times), 1);
      figures[`${key}.p90Ms`] = round(percentile(times, 90), 1);
      if (command.targetMs === undefined) continue;
      const check = target(`${command.label} median`, round(median(times), 1), '<', command.targetMs, 'ms');
      targets.push(check);
      // Always for ask (its budget is mostly our own start-up); for --version only on a miss.
      if (!check.pass || command.args.includes('ask')) notes.push(await profileStart(command, ctx.workDir));
    }
    return {
      figures,
      targets,
      tables: [
        {
          title: 'Wall time per process',
          head: ['command', 'median ms', 'p90 ms', 'min ms', 'max ms'],
          rows: measured.map(({ command, times }) => [
            command.label,
            fmt(median(times), 0),
            fmt(percentile(times, 90), 0),
            fmt(Math.min(...times), 0),
            fmt(Math.max(...times), 0),
          ]),
        },
      ],
      notes,
    };
  },
};
