import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, echoModel } from '../helpers/echo-model.js';
import {
  completionReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../helpers/fake-openai-server.js';
import { CLI_RUN_TIMEOUT_MS, runKavak } from '../helpers/run-kavak.js';

const VERSA = 'Hola, busco un Versa 2020 con menos de 60 mil km';
const COROLLA = '¿Cuánto pagaría al mes por el Corolla 2020 con 20% de enganche a 4 años?';

/** A test runs the CLI up to three times in a row; each run has its own deadline. */
const THREE_RUNS = { timeout: 3 * CLI_RUN_TIMEOUT_MS + 10_000 };

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'kavak-cli-')), 'kavak.db');
}

describe('kavak ask (offline, no key, no network)', THREE_RUNS, () => {
  it('answers in Spanish with real catalog cars', async () => {
    const run = await runKavak(['ask', '--db', tempDb(), VERSA]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Hola/);
    expect(run.stdout).toContain('Nissan Versa 2020');
    expect(run.stdout).toContain('$265,999.00 (ID 322722)');
  });

  it('--json shows $6,371.06 from the financing tool and the whole trace', async () => {
    const run = await runKavak(['ask', '--json', '--db', tempDb(), COROLLA]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      reply: string;
      runtime: string;
      trace: { trackingId: string; spans: { type: string; tool?: string; output?: unknown }[] };
    };
    expect(out.runtime).toBe('offline');
    expect(out.reply).toContain('$6,371.06');
    const plan = out.trace.spans.find((s) => s.tool === 'financing.plan');
    expect(JSON.stringify(plan?.output)).toContain('637106');
    expect(out.trace.trackingId).toMatch(/^t_/);
  });

  it('remembers the car under discussion across invocations', async () => {
    const db = tempDb();
    await runKavak(['ask', '--db', db, '-c', 'follow', 'Busco un Corolla 2020']);
    const run = await runKavak([
      'ask',
      '--db',
      db,
      '-c',
      'follow',
      '¿y cuánto pagaría a 5 años con 20% de enganche?',
    ]);
    expect(run.stdout).toContain('Toyota Corolla 2020');
    expect(run.stdout).toContain('$5,337.24');
  });

  it('--db :memory: keeps the conversation in memory: no file appears in the working folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-mem-'));
    const run = await runKavak(['ask', '--db', ':memory:', VERSA], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nissan Versa 2020');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names a bad config key and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-cfg-'));
    writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify({ runtme: 'offline' }));
    const run = await runKavak(['ask', 'hola'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown key "runtme"');
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for a user error
  });

  it('refuses --runtime openai without a key or base URL, saying what to set', async () => {
    const run = await runKavak(['ask', '--runtime', 'openai', '--db', tempDb(), 'hola']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('OPENAI_API_KEY');
  });

  it('prints --version and --help', async () => {
    expect((await runKavak(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runKavak(['--help']);
    expect(help.stdout).toContain('ask');
    expect(help.stdout).toContain('--runtime');
  });
});

describe('kavak ask against an OpenAI-compatible server (real SDK, real HTTP)', THREE_RUNS, () => {
  let server: FakeOpenAIServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    server.fallback(
      echoModel({
        [VERSA]: [
          intent('greeting'),
          intent('car_recommendation', { model: 'Versa', yearMin: 2020, yearMax: 2020, kmMax: 60000 }),
        ],
        [COROLLA]: [
          intent('financing', {
            model: 'Corolla',
            yearMin: 2020,
            yearMax: 2020,
            downPaymentPercent: 20,
            termYears: 4,
          }),
        ],
      }),
    );
  });
  afterAll(() => server.close());

  it('runs the same commands with --runtime openai --base-url', async () => {
    const versa = await runKavak([
      'ask',
      '--runtime',
      'openai',
      '--base-url',
      server.url,
      '--db',
      tempDb(),
      VERSA,
    ]);
    expect(versa.code).toBe(0);
    expect(versa.stdout).toContain('Nissan Versa 2020');

    const run = await runKavak(
      ['ask', '--json', '--runtime', 'openai', '--base-url', server.url, '--db', tempDb(), COROLLA],
      {
        env: { OPENAI_API_KEY: 'sk-test-not-a-real-key-1234' },
      },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      reply: string;
      trace: { totals: { modelCalls: number; costUsd: number; inputTokens: number } };
    };
    expect(out.reply).toContain('$6,371.06');
    expect(out.trace.totals.modelCalls).toBe(2);
    expect(out.trace.totals.inputTokens).toBe(1600);
    // gpt-4o-mini list price: (1600 × 0.15 + 180 × 0.6) / 1e6
    expect(out.trace.totals.costUsd).toBeCloseTo(0.000348, 9);
    expect(run.stdout).not.toContain('sk-test-not-a-real-key');
    const intentsRequest = server.requests.find((r) => JSON.stringify(r.body).includes('"intents"'));
    expect(JSON.stringify(intentsRequest?.body)).toContain('json_schema');
  });

  it('--json says why the intents fell back (invalid JSON twice), in the output and the intents span', async () => {
    server.queue(
      completionReply({ content: 'Claro, te ayudo.' }),
      completionReply({ content: 'Claro, te ayudo.' }),
    );
    const openai = ['--runtime', 'openai', '--base-url', server.url];
    const run = await runKavak(['ask', '--json', ...openai, '--db', tempDb(), VERSA]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      intents: { type: string; confidence: number }[];
      intentsFallback: { reason: string } | null;
      trace: { spans: { type: string; fallback?: { reason: string } | null }[] };
    };
    expect(out.intents).toMatchObject([{ type: 'out_of_scope', confidence: 0 }]);
    expect(out.intentsFallback).toEqual({ reason: 'no es JSON válido' });
    expect(out.trace.spans.find((s) => s.type === 'intents')?.fallback).toEqual({
      reason: 'no es JSON válido',
    });
  });

  it('records real calls, then replays them with no server: same reply, same model calls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-rec-'));
    const recorded = await runKavak([
      'ask',
      '--json',
      '--runtime',
      'openai',
      '--base-url',
      server.url,
      '--record',
      dir,
      '--db',
      tempDb(),
      COROLLA,
    ]);
    expect(recorded.code).toBe(0);
    const before = server.requests.length;
    const replayed = await runKavak(['ask', '--json', '--replay', dir, '--db', tempDb(), COROLLA]);
    expect(replayed.code).toBe(0);
    expect(server.requests.length).toBe(before);
    type Out = { reply: string; trace: { spans: { type: string; rawOutput?: string }[] } };
    const a = JSON.parse(recorded.stdout) as Out;
    const b = JSON.parse(replayed.stdout) as Out;
    expect(b.reply).toBe(a.reply);
    const raw = (o: Out) => o.trace.spans.filter((s) => s.type === 'model_call').map((s) => s.rawOutput);
    expect(raw(b)).toEqual(raw(a));

    const miss = await runKavak(['ask', '--replay', dir, '--db', tempDb(), 'Hola, ¿qué tal?']);
    expect(miss.code).not.toBe(0);
    expect(miss.stderr).toMatch(/"intents" task/);
  });
});
