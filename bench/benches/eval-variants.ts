import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, BenchContext } from '../harness/bench.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, round } from '../harness/stats.js';
import { ensureBuild } from '../support/ensure-build.js';
import { minimalEnv, REPO, runNode } from '../support/node-child.js';

const BIN = join(REPO, 'bin/kavak.js');
/** Wall-time overhead of one --variant run over the two separate runs it replaces. */
const TARGET_OVERHEAD_PCT = 10;

/**
 * Each child reports its own peak RSS and CPU time on exit (the parent cannot read a child's
 * rusage from Node). maxRSS is in KiB, CPU times in µs.
 */
const REPORT_USAGE = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nUSAGE "+JSON.stringify({rssKb:u.maxRSS,cpuUs:u.userCPUTime+u.systemCPUTime})+"\\n")})`;

interface ProcessRun {
  wallMs: number;
  rssMb: number;
  cpuMs: number;
}

async function runEval(args: string[], cwd: string): Promise<ProcessRun> {
  const result = await runNode(
    ['--import', REPORT_USAGE, BIN, '--runtime', 'offline', 'eval', '--no-progress', ...args],
    {
      cwd,
      env: minimalEnv(),
      timeoutMs: 900_000,
    },
  );
  if (result.code !== 0)
    throw new Error(`kavak eval ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-1500)}`);
  const line = result.stderr.split('\n').findLast((l) => l.startsWith('USAGE '));
  if (!line) throw new Error('kavak eval did not report its resource usage');
  const usage = JSON.parse(line.slice('USAGE '.length)) as { rssKb: number; cpuUs: number };
  return { wallMs: result.wallMs, rssMb: usage.rssKb / 1024, cpuMs: usage.cpuUs / 1000 };
}

export const evalVariantsBench: Bench = {
  name: 'eval-variants',
  title: 'kavak eval --variant: one run of 2 variants vs 2 separate runs (whole golden set, offline runtime)',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const build = await ensureBuild(ctx.log);
    const dir = join(ctx.workDir, 'eval-variants');
    mkdirSync(dir, { recursive: true });
    // Two variants doing the same work as the two plain runs: the bundled prompts, and a copy.
    cpSync(join(REPO, 'prompts'), join(dir, 'prompts-copy'), { recursive: true });
    writeFileSync(join(dir, 'copy.json'), JSON.stringify({ prompts: './prompts-copy' }));
    writeFileSync(join(dir, 'base.json'), JSON.stringify({}));
    const out = join(dir, 'reports');

    ctx.log('eval-variants: one untimed run (file cache)');
    await runEval(['--out', out, '--filter', 'tag:greeting'], dir);
    ctx.log('eval-variants: two separate runs');
    const first = await runEval(['--out', out], dir);
    const second = await runEval(['--out', out], dir);
    ctx.log('eval-variants: one run, two variants');
    const both = await runEval(
      ['--out', out, '--variant', 'base=base.json', '--variant', 'copy=copy.json'],
      dir,
    );

    const separate = {
      wallMs: first.wallMs + second.wallMs,
      cpuMs: first.cpuMs + second.cpuMs,
      rssMb: Math.max(first.rssMb, second.rssMb),
    };
    const overheadPct = (both.wallMs / separate.wallMs - 1) * 100;
    const cpuOverheadPct = (both.cpuMs / separate.cpuMs - 1) * 100;
    const row = (label: string, r: ProcessRun) => [
      label,
      fmt(r.wallMs / 1000),
      fmt(r.cpuMs / 1000),
      fmt(r.rssMb, 0),
    ];
    const notes = [
      'Each run is a fresh `node bin/kavak.js --runtime offline eval` process over the whole bundled golden set (default -j 4), measured spawn to exit by the parent; peak RSS and CPU time are the child\'s own (process.resourceUsage() on exit). "2 separate runs" adds the wall and CPU times of two plain runs and takes the larger peak RSS (they run one after the other); the --variant run is the bundled prompts and a copy of them, so both sides do the same model work.',
      "The offline runtime is CPU-bound in one process: the variants share its -j 4 slots, so the --variant run cannot overlap them; it saves a second process start and golden-set load, and adds a second app (catalog, prompts) in memory, each variant's results.json and the side-by-side report sections.",
    ];
    if (build.built) notes.push(build.warning ?? 'dist/ was rebuilt first (npm run build).');
    return {
      figures: {
        'separate.wallMs': Math.round(separate.wallMs),
        'separate.cpuMs': Math.round(separate.cpuMs),
        'separate.peakRssMb': round(separate.rssMb, 1),
        'variants.wallMs': Math.round(both.wallMs),
        'variants.cpuMs': Math.round(both.cpuMs),
        'variants.peakRssMb': round(both.rssMb, 1),
        'overhead.wallPct': round(overheadPct, 1),
        'overhead.cpuPct': round(cpuOverheadPct, 1),
        'overhead.rssMb': round(both.rssMb - separate.rssMb, 1),
      },
      targets: [
        target(
          'wall-time overhead of --variant vs 2 runs',
          round(overheadPct, 1),
          '<=',
          TARGET_OVERHEAD_PCT,
          '%',
        ),
      ],
      tables: [
        {
          title: 'Two variants of the whole golden set, offline',
          head: ['', 'wall s', 'CPU s', 'peak RSS MB'],
          rows: [
            row('plain run 1', first),
            row('plain run 2', second),
            row('2 separate runs', separate),
            row('1 run, --variant × 2', both),
            [
              'overhead',
              `${fmt(overheadPct, 1)}%`,
              `${fmt(cpuOverheadPct, 1)}%`,
              `${fmt(both.rssMb - separate.rssMb, 0)} MB`,
            ],
          ],
        },
      ],
      notes,
    };
  },
};
