import { existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunResultSchema } from '../../src/eval/results/schema.js';
import { schemaOf, startCountingServer, type CountingServer } from './counting-openai-server.js';
import { evalOffline, kavak } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet, writeLabelsFile } from './eval-fixtures.js';
import { many, run } from './run-fixtures.js';

let server: CountingServer;
let stdout = '';
let stderr = '';
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

function evalOnServer(golden: string, out: string, ...flags: string[]) {
  return kavak(
    '--runtime',
    'openai',
    '--base-url',
    server.url,
    'eval',
    '--golden-set',
    golden,
    '--out',
    out,
    '--no-progress',
    ...flags,
  );
}

/** The terminal wraps long sentences to its width; read them as one line. */
const unwrapped = (text: string) => text.replace(/\n\s+/g, ' ');

const readResults = (out: string) =>
  RunResultSchema.parse(JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')));

describe('kavak eval exit codes', () => {
  it('exits 0 when the gates pass, writes results.json and points latest at it', async () => {
    const out = tempDir();
    const code = await evalOffline(
      writeGoldenSet([helloCase('hola-1'), helloCase('hola-2', 'buenas tardes')]),
      out,
      '--min-pass-rate',
      '1',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Gate: PASS');
    const results = readResults(out);
    expect(results.cases.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(readlinkSync(join(out, 'latest'))).toBe(results.runId);
    expect(results.runtime).toBe('offline');
    for (const report of ['summary.md', 'junit.xml', 'report.html'])
      expect(existsSync(join(out, 'latest', report))).toBe(true);
  });

  it('exits 1 below --min-pass-rate', async () => {
    const golden = writeGoldenSet([helloCase('ok'), helloCase('never', 'hola', ['zzzz'])]);
    expect(await evalOffline(golden, tempDir(), '--min-pass-rate', '0.6')).toBe(1);
    expect(stdout).toMatch(/pass rate 50\.0% \(1\/2\) is below the minimum 60\.0%/);
    expect(await evalOffline(golden, tempDir(), '--min-pass-rate', '0.5')).toBe(0);
  });

  it('exits 1 on a failed critical turn even with no pass-rate gate', async () => {
    const critical = {
      id: 'crit',
      title: 'critical',
      turns: [{ user: 'hola', critical: 'must greet in Klingon', expect: { keywords: { all: ['qapla'] } } }],
    };
    expect(await evalOffline(writeGoldenSet([critical, helloCase('ok')]), tempDir())).toBe(1);
    expect(stdout).toContain('critical turn failed: crit turn 1 (must greet in Klingon)');
  });

  it('exits 1 on a per-tag or per-scorer threshold', async () => {
    const golden = writeGoldenSet([helloCase('ok'), helloCase('never', 'hola', ['zzzz'])]);
    expect(await evalOffline(golden, tempDir(), '--tag-threshold', 'greeting=0.9')).toBe(1);
    expect(await evalOffline(golden, tempDir(), '--scorer-threshold', 'keywords=0.5')).toBe(0);
  });

  it('exits 2 on a golden set that does not validate, naming the field, before any model call', async () => {
    const golden = writeGoldenSet([
      { id: 'bad', title: 'x', turns: [{ user: 'hola', expect: { intents: ['flying'] } }] },
    ]);
    expect(await evalOnServer(golden, tempDir())).toBe(2);
    expect(stderr).toMatch(/case "bad" turns\[0\]\.expect\.intents\[0\]/);
    expect(server.bodies).toHaveLength(0);
  });

  it('exits 2 on bad flags', async () => {
    const golden = writeGoldenSet([helloCase('ok')]);
    expect(await evalOffline(golden, tempDir(), '--repeat', '0')).toBe(2);
    expect(stderr).toContain('--repeat');
    expect(await evalOffline(golden, tempDir(), '--min-pass-rate', '80')).toBe(2);
    expect(await evalOffline(golden, tempDir(), '--no-such-flag')).toBe(2);
    expect(await evalOffline(golden, tempDir(), '--fail-on-regression')).toBe(2);
    expect(await evalOffline(golden, tempDir(), '--baseline', join(tempDir(), 'missing.json'))).toBe(2);
    expect(stderr).toMatch(/--baseline .*missing\.json: file not found/);
  });

  it('exits 2 when no case could run at all (the model server refuses every call)', async () => {
    server.handle(() => ({ status: 401, content: 'bad key' }));
    expect(await evalOnServer(writeGoldenSet([helloCase('a'), helloCase('b')]), tempDir())).toBe(2);
    expect(stderr).toMatch(/Every case failed to run; the first error: .*HTTP 401/);
  });
});

describe('kavak eval modes', () => {
  it('--dry-run validates, counts calls and estimates cost without any request', async () => {
    const golden = writeGoldenSet([
      helloCase('a'),
      { ...(helloCase('b') as object), turns: [{ user: 'hola', expect: { judges: ['tone'] } }] },
    ]);
    expect(await evalOnServer(golden, tempDir(), '--dry-run', '--json', '--judge-samples', '3')).toBe(0);
    expect(server.bodies).toHaveLength(0);
    const estimate = JSON.parse(stdout) as {
      agent: { calls: number; costUsd: number };
      judge: { calls: number };
    };
    expect(estimate.agent.calls).toBe(4); // intents + one reply per turn
    expect(estimate.judge.calls).toBe(3);
    expect(estimate.agent.costUsd).toBeGreaterThan(0);
  });

  it('--dry-run fails (2) on a rubric the judges folder does not have', async () => {
    const golden = writeGoldenSet([
      { ...(helloCase('b') as object), turns: [{ user: 'hola', expect: { judges: ['nonexistent'] } }] },
    ]);
    expect(await evalOffline(golden, tempDir(), '--dry-run')).toBe(2);
    expect(stderr).toContain('Unknown judge rubric(s): nonexistent');
  });

  it('--rescore applies the current expectations to stored replies; only judges are called', async () => {
    const out = tempDir();
    const golden = writeGoldenSet([
      {
        ...(helloCase('a') as object),
        turns: [{ user: 'hola', expect: { keywords: { any: ['hola'] }, judges: ['tone'] } }],
      },
    ]);
    expect(await evalOnServer(golden, out)).toBe(0);
    const first = readResults(out);
    expect(first.cases[0]!.turns[0]!.scores.map((s) => [s.scorer, s.pass])).toContainEqual([
      'judge:tone',
      true,
    ]);
    server.reset();

    // New expectations: the same reply now misses a keyword.
    writeGoldenSet(
      [
        {
          ...(helloCase('a') as object),
          turns: [{ user: 'hola', expect: { keywords: { all: ['financiamiento'] }, judges: ['tone'] } }],
        },
      ],
      golden,
    );
    const code = await evalOnServer(
      golden,
      out,
      '--rescore',
      join(out, first.runId, 'results.json'),
      '--min-pass-rate',
      '1',
    );
    expect(code).toBe(1);
    expect(server.bodies.map(schemaOf)).toEqual(['verdict']);
    const rescored = readResults(out);
    expect(rescored.runId).not.toBe(first.runId);
    expect(rescored.cases[0]!.turns[0]!.reply).toBe(first.cases[0]!.turns[0]!.reply);
    expect(rescored.cases[0]!.status).toBe('failed');
    expect(rescored.options.rescore).toContain(first.runId);
  });

  it('--rescore reports a case whose message changed as an error, not a stale pass', async () => {
    const out = tempDir();
    const golden = writeGoldenSet([helloCase('a')]);
    expect(await evalOffline(golden, out)).toBe(0);
    const first = readResults(out);
    writeGoldenSet([helloCase('a', 'buenas noches')], golden);
    await evalOffline(golden, out, '--rescore', join(out, first.runId, 'results.json'));
    expect(readResults(out).cases[0]).toMatchObject({
      status: 'error',
      error: expect.stringContaining("turn 1's message changed"),
    });
  });

  it('--baseline with --fail-on-regression exits 1 on a significant regression only', async () => {
    const dir = tempDir();
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify(run(many('c', 8, 'passed'), { runId: 'base' })));
    const failing = writeGoldenSet(
      Array.from({ length: 8 }, (_, i) => helloCase(`c-${i}`, 'hola', ['zzzz'])),
    );
    expect(await evalOffline(failing, tempDir(), '--baseline', baseline)).toBe(0);
    expect(stdout).toContain('significant regression');
    expect(await evalOffline(failing, tempDir(), '--baseline', baseline, '--fail-on-regression')).toBe(1);
    expect(unwrapped(stdout)).toMatch(/8 newly failing vs 0 newly passing \(McNemar p = 0\.0078\)/);

    const twoBroken = writeGoldenSet(
      Array.from({ length: 8 }, (_, i) => helloCase(`c-${i}`, 'hola', i < 2 ? ['zzzz'] : ['hola'])),
    );
    expect(await evalOffline(twoBroken, tempDir(), '--baseline', baseline, '--fail-on-regression')).toBe(0);
    expect(stdout).toContain('within noise');
  });

  it('--json prints the summary and the verdict', async () => {
    const out = tempDir();
    expect(await evalOffline(writeGoldenSet([helloCase('a')]), out, '--json')).toBe(0);
    const printed = JSON.parse(stdout) as {
      summary: { passRate: number };
      gate: { pass: boolean };
      reportDir: string;
    };
    expect(printed.summary.passRate).toBe(1);
    expect(printed.gate.pass).toBe(true);
    expect(existsSync(join(printed.reportDir, 'results.json'))).toBe(true);
  });

  it('prints one plain progress line per case when not on a TTY', async () => {
    await kavak(
      '--runtime',
      'offline',
      'eval',
      '--golden-set',
      writeGoldenSet([helloCase('a'), helloCase('b')]),
      '--out',
      tempDir(),
    );
    expect(stderr).toMatch(/\[1\/2\] ✓ [ab] /);
    expect(stderr).toMatch(/\[2\/2\] ✓ [ab] /);
  });
});

describe('kavak eval calibrate', () => {
  const labelsFile = writeLabelsFile;

  it('judges labelled replies on the judge runtime and prints agreement per rubric', async () => {
    // The fake judge passes everything: right on the two good replies, wrong on the bad one.
    const code = await kavak(
      'eval',
      'calibrate',
      '--labels',
      labelsFile(),
      '--judge-runtime',
      'openai',
      '--judge-base-url',
      server.url,
      '--json',
    );
    expect(code).toBe(0);
    expect(server.bodies.map(schemaOf)).toEqual(['verdict', 'verdict', 'verdict']);
    const report = JSON.parse(stdout) as {
      rubrics: { rubric: string; tp: number; fp: number; accuracy: number }[];
    };
    expect(report.rubrics).toEqual([expect.objectContaining({ rubric: 'tone', tp: 2, fp: 1 })]);
    expect(report.rubrics[0]!.accuracy).toBeCloseTo(2 / 3);
  });

  it('says calibration is skipped when the judge runtime is offline', async () => {
    expect(await kavak('--runtime', 'offline', 'eval', 'calibrate', '--labels', labelsFile())).toBe(0);
    expect(stdout).toContain('Calibration skipped');
    expect(server.bodies).toHaveLength(0);
  });

  it('exits 2 on a labels file that does not exist', async () => {
    expect(
      await kavak('--runtime', 'offline', 'eval', 'calibrate', '--labels', join(tempDir(), 'nope.yaml')),
    ).toBe(2);
  });
});

/** A local model the price table does not know: its cost is unknown, never $0. */
const LOCAL_MODEL = 'llama3.2:3b-instruct';

describe('kavak eval with a model that has no price', () => {
  it('shows "no price" in the terminal, summary.md, report.html and results.json, never $0', async () => {
    const out = tempDir();
    expect(await evalOnServer(writeGoldenSet([helloCase('a')]), out, '--model', LOCAL_MODEL)).toBe(0);
    const latest = join(out, 'latest');

    // The judge made no calls, so its $0 is true; the agent's and the total's cost are unknown.
    const row = (name: string) => stdout.split('\n').find((line) => line.includes(`│ ${name} `)) ?? '';
    expect(row('agent')).toMatch(/no price.*no price/);
    expect(row('agent')).not.toContain('$');
    expect(row('total')).toMatch(/no price.*no price/);
    const summary = readFileSync(join(latest, 'summary.md'), 'utf8');
    expect(summary).toContain('cost no price');
    expect(readFileSync(join(latest, 'report.html'), 'utf8')).toContain(
      'No price for the models in this run',
    );

    const results = readResults(out);
    const turn = results.cases[0]!.turns[0]!;
    expect(turn.outputTokens).toBeGreaterThan(0);
    expect(turn.costUsd).toBeNull();
    expect(turn.trace?.totals.costUsd).toBeNull();
    const call = turn.trace?.spans.find((s) => s.type === 'model_call');
    expect(call?.type === 'model_call' && call.warnings.join(' ')).toContain(
      `no price for model "${LOCAL_MODEL}"`,
    );
  });

  it('--max-cost cannot be kept without a price: the run stops and says why', async () => {
    const out = tempDir();
    const cases = [helloCase('a'), helloCase('b'), helloCase('c')];
    await evalOnServer(
      writeGoldenSet(cases),
      out,
      '--model',
      LOCAL_MODEL,
      '--max-cost',
      '1',
      '--concurrency',
      '1',
    );
    expect(stdout).toMatch(/--max-cost \$1\.00 cannot be kept: a model has no price/);
    expect(unwrapped(stdout)).toMatch(/2 of 3 case runs not started/);
  });
});
