import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoModel, intent } from '../helpers/echo-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { runKavak } from '../helpers/run-kavak.js';

const VERSA = 'Hola, busco un Versa 2020';

describe('token budgets from kavak.config.json (real SDK, real HTTP)', () => {
  let server: FakeOpenAIServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    server.fallback(
      echoModel({ [VERSA]: [intent('car_recommendation', { model: 'Versa', yearMin: 2020 })] }),
    );
  });
  afterAll(() => server.close());

  it('agents.<agent>.maxOutputTokens overrides the prompt file budget for that call only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-budget-'));
    writeFileSync(
      join(dir, 'kavak.config.json'),
      JSON.stringify({ agents: { intents: { maxOutputTokens: 1200 }, cars: { maxOutputTokens: 350 } } }),
    );
    const run = await runKavak(
      ['ask', '--runtime', 'openai', '--base-url', server.url, '--db', join(dir, 'k.db'), VERSA],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nissan Versa 2020');
    const budgets = server.requests.map((r) => (r.body as { max_tokens?: number }).max_tokens);
    expect(budgets).toEqual([1200, 350]);
  });

  it('refuses a budget that is not a whole number of tokens, naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-budget-'));
    writeFileSync(
      join(dir, 'kavak.config.json'),
      JSON.stringify({ agents: { cars: { maxOutputTokens: 0.5 } } }),
    );
    const run = await runKavak(['ask', 'hola'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"agents.cars.maxOutputTokens"');
  });
});
