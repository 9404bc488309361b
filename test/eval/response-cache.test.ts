import { newestResultsFile } from '../helpers/newest-run.js';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import type { ModelCallSpan } from '../../src/core/trace/schema.js';
import { RunResultSchema, type RunResult } from '../../src/eval/results/schema.js';
import { schemaOf, startCountingServer, type CountingServer } from './counting-openai-server.js';
import { kavak } from './eval-cli.js';
import { tempDir } from './eval-fixtures.js';

/**
 * The response cache end to end: `kavak eval` on the bundled golden set (two greeting cases,
 * their judges) against a local OpenAI-compatible server that counts the requests it gets.
 */
const CASES = 'greeting-hola,greeting-buenas-tardes';

let server: CountingServer;
let stdout = '';
let cacheDir: string;
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  stdout = '';
  cacheDir = tempDir('kavak-cache-');
  // The suite turns the cache off for every other test; these run as a user does.
  vi.stubEnv('KAVAK_NO_CACHE', '');
  vi.stubEnv('KAVAK_CACHE_DIR', cacheDir);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** `kavak [globals] eval --filter … [flags]` on the counting server; its requests are counted afresh. */
async function evalRun(out: string, flags: string[] = [], globals: string[] = []): Promise<RunResult> {
  server.reset();
  stdout = '';
  const code = await kavak(
    '--runtime',
    'openai',
    '--base-url',
    server.url,
    ...globals,
    'eval',
    '--filter',
    CASES,
    '--out',
    out,
    '--no-progress',
    ...flags,
  );
  expect(code).toBeLessThan(2);
  return RunResultSchema.parse(JSON.parse(readFileSync(newestResultsFile(out), 'utf8')));
}

const modelCalls = (run: RunResult): ModelCallSpan[] =>
  run.cases.flatMap((c) =>
    c.turns.flatMap((t) =>
      (t.trace?.spans ?? []).filter((span): span is ModelCallSpan => span.type === 'model_call'),
    ),
  );
const judgeCalls = (run: RunResult) =>
  run.cases
    .flatMap((c) => c.turns)
    .reduce((n, t) => n + t.scores.filter((s) => s.scorer.startsWith('judge:')).length, 0);
const cachedJudgeCalls = (run: RunResult) =>
  run.cases.flatMap((c) => c.turns).reduce((n, t) => n + (t.judgeCachedCalls ?? 0), 0);

// Each test runs the eval two or three times, each a few seconds on a busy machine.
describe('kavak eval response cache', { timeout: 180_000 }, () => {
  it('a second identical run makes no model request, reports every call a hit and the money saved', async () => {
    const out = tempDir();
    const first = await evalRun(out);
    const firstRequests = server.bodies.length;
    expect(firstRequests).toBeGreaterThan(8);
    expect(first.cache).toMatchObject({ dir: cacheDir, misses: firstRequests });
    const calls = first.cache!.hits + first.cache!.misses;
    expect(modelCalls(first).every((span) => !span.cached)).toBe(true);

    const second = await evalRun(out);
    expect(server.bodies).toHaveLength(0);
    expect(second.cache).toMatchObject({ hits: calls, misses: 0 });
    expect(second.cache!.savedUsd).toBeGreaterThan(0);
    expect(modelCalls(second).length).toBeGreaterThan(0);
    expect(modelCalls(second).every((span) => span.cached && span.costUsd === 0)).toBe(true);
    expect(cachedJudgeCalls(second)).toBe(judgeCalls(second));
    expect(second.cases.map((c) => c.turns.map((t) => t.reply))).toEqual(
      first.cases.map((c) => c.turns.map((t) => t.reply)),
    );
    expect(second.cases.flatMap((c) => c.turns).every((t) => t.costUsd === 0 && t.judgeCostUsd === 0)).toBe(
      true,
    );

    expect(stdout).toContain(`Response cache: ${calls} hits, 0 misses (100% from the cache)`);
    const summary = readFileSync(join(dirname(newestResultsFile(out)), 'summary.md'), 'utf8');
    expect(summary).toContain(`Response cache: ${calls} hits, 0 misses`);
    const html = readFileSync(join(dirname(newestResultsFile(out)), 'report.html'), 'utf8');
    expect(html).toContain('from the cache');
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
  });

  it('after a change to the intents prompt, only the intents calls are made again', async () => {
    const prompts = tempDir('kavak-prompts-');
    cpSync(join(packageRoot(), 'prompts'), prompts, { recursive: true });
    const config = join(tempDir(), 'kavak.config.json');
    writeFileSync(config, JSON.stringify({ prompts }));
    const out = tempDir();
    const first = await evalRun(out, [], ['--config', config]);
    const intentsCalls = modelCalls(first).filter((span) => span.task === 'intents').length;
    expect(intentsCalls).toBeGreaterThan(0);

    const file = join(prompts, 'intents.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## Objetivo\n', '## Objetivo\n\nSé breve.\n'));
    const second = await evalRun(out, [], ['--config', config]);

    expect(server.bodies.map(schemaOf)).toEqual(Array.from({ length: intentsCalls }, () => 'intents'));
    expect(second.cache).toMatchObject({ misses: intentsCalls });
    for (const span of modelCalls(second))
      expect([span.task, span.cached ?? false]).toEqual([span.task, span.task !== 'intents']);
    expect(cachedJudgeCalls(second)).toBe(judgeCalls(second));
  });

  it('--no-cache calls the model for every request', async () => {
    const out = tempDir();
    const first = await evalRun(out);
    const calls = first.cache!.hits + first.cache!.misses;

    const uncached = await evalRun(out, ['--no-cache']);
    expect(server.bodies).toHaveLength(calls);
    expect(uncached.cache).toBeUndefined();
    expect(modelCalls(uncached).some((span) => span.cached)).toBe(false);
    expect(stdout).not.toContain('Response cache');
  });

  it('--repeat 3 makes each repetition its own calls, and a repeat run replays them all', async () => {
    const out = tempDir();
    const single = await evalRun(out, ['--no-cache']);
    const perRun = server.bodies.length;
    expect(single.cache).toBeUndefined();

    const explicitDir = tempDir('kavak-cache-flag-');
    const repeated = await evalRun(out, ['--repeat', '3', '--cache-dir', explicitDir]);
    expect(server.bodies).toHaveLength(3 * perRun);
    expect(repeated.cache).toMatchObject({ dir: explicitDir, misses: 3 * perRun, hits: 0 });
    expect(readdirSync(cacheDir)).toEqual([]);

    await evalRun(out, ['--repeat', '3', '--cache-dir', explicitDir]);
    expect(server.bodies).toHaveLength(0);
  });
});
