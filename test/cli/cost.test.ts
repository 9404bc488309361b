import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnTrace } from '../../src/core/trace/schema.js';
import { echoModel, intent } from '../helpers/echo-model.js';
import {
  startFakeOpenAIServer,
  type FakeOpenAIServer,
  type FakeReply,
} from '../helpers/fake-openai-server.js';
import { runKavak } from '../helpers/run-kavak.js';

const MESSAGE = 'Hola, buenas tardes';
/** What a router or proxy (LiteLLM, OpenRouter) answers with instead of the configured name. */
const SERVER_MODEL_NAME = 'openai/gpt-4o-mini';

describe('kavak ask --json: cost priced by the configured model, "no price" when there is none', () => {
  let server: FakeOpenAIServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    const faithful = echoModel({ [MESSAGE]: [intent('greeting')] });
    server.fallback((request): FakeReply => {
      const reply = faithful(request);
      return reply.kind === 'json'
        ? { ...reply, body: { ...(reply.body as object), model: SERVER_MODEL_NAME } }
        : reply;
    });
  });
  afterAll(() => server.close());

  async function askJson(model: string, config?: unknown): Promise<{ trace: TurnTrace }> {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-cost-'));
    if (config) writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify(config));
    const flags = { '--base-url': server.url, '--model': model, '--db': join(dir, 'k.db') };
    const args = ['ask', '--json', '--runtime', 'openai', ...Object.entries(flags).flat(), MESSAGE];
    const run = await runKavak(args, { cwd: dir });
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { trace: TurnTrace };
  }

  it('prices by the configured name even when the server answers with another', async () => {
    const { trace } = await askJson('gpt-4o-mini');
    const calls = trace.spans.filter((s) => s.type === 'model_call');
    expect(calls.map((s) => s.type === 'model_call' && s.model)).toEqual([
      SERVER_MODEL_NAME,
      SERVER_MODEL_NAME,
    ]);
    // gpt-4o-mini list price: (1600 × 0.15 + 180 × 0.6) / 1e6
    expect(trace.totals.costUsd).toBeCloseTo(0.000348, 9);
  });

  it('a model missing from the price table has no price (null), with a warning that says how to add one', async () => {
    const { trace } = await askJson('my-local-model');
    expect(trace.totals.costUsd).toBeNull();
    const calls = trace.spans.flatMap((s) => (s.type === 'model_call' ? [s] : []));
    expect(calls.map((s) => s.costUsd)).toEqual([null, null]);
    expect(calls[0]!.warnings.join(' ')).toMatch(/no price for model "my-local-model".*prices/);

    const priced = await askJson('my-local-model', {
      prices: { 'my-local-model': { inputPerMillion: 1, outputPerMillion: 2 } },
    });
    expect(priced.trace.totals.costUsd).toBeCloseTo((1600 * 1 + 180 * 2) / 1e6, 9);
  });
});
