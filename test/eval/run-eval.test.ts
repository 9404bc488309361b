import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadGoldenSet } from '../../src/eval/golden-set/load.js';
import { createRateLimiter } from '../../src/eval/runner/rate-limit.js';
import { openAgent, type AgentSession } from '../../src/eval/runner/eval-session.js';
import type { EvalEvent } from '../../src/eval/runner/events.js';
import { runEval, type RunEvalOptions } from '../../src/eval/runner/run-eval.js';
import { scoreTurn } from '../../src/eval/scorers/score-turn.js';
import { ModelCallError } from '../../src/runtime/errors.js';
import { greetingAnswer, startCountingServer, type CountingServer } from './counting-openai-server.js';
import { helloCase, offlineConfig, openaiConfig, scriptedAgent, writeGoldenSet } from './eval-fixtures.js';

let server: CountingServer;
let session: AgentSession | undefined;
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(async () => {
  await session?.app.close();
  session = undefined;
});

const score: RunEvalOptions['scoreTurn'] = (params, signal) => scoreTurn(params, { signal });

async function cases(n: number, make = (i: number) => helloCase(`case-${i}`)) {
  return loadGoldenSet(writeGoldenSet(Array.from({ length: n }, (_, i) => make(i))));
}

async function run(
  options: Partial<RunEvalOptions> & Pick<RunEvalOptions, 'cases'>,
  events: EvalEvent[] = [],
) {
  session ??= await openAgent(offlineConfig(), undefined);
  return runEval(
    {
      pipeline: session.pipeline,
      scoreTurn: score,
      concurrency: 4,
      repeat: 1,
      caseTimeoutMs: 10_000,
      ...options,
    },
    (event) => events.push(event),
  );
}

describe('runEval against an OpenAI-compatible server', () => {
  it('keeps at most -j cases in flight', async () => {
    server.handle((body) => ({ ...greetingAnswer(body), delayMs: 60 }));
    session = await openAgent(openaiConfig(server.url), undefined);
    const outcome = await run({ cases: await cases(8), concurrency: 3 });
    expect(outcome.cases.map((c) => c.status)).toEqual(Array(8).fill('passed'));
    expect(server.bodies).toHaveLength(16); // intents + reply per case
    expect(server.maxInFlight).toBe(3);
  });

  it('honours the requests-per-minute limit across all cases', async () => {
    session = await openAgent(openaiConfig(server.url), createRateLimiter({ limit: 4, windowMs: 1000 }));
    const started = performance.now();
    const outcome = await run({ cases: await cases(5), concurrency: 5 });
    expect(outcome.cases.every((c) => c.status === 'passed')).toBe(true);
    expect(server.arrivals).toHaveLength(10);
    // 4 per second: the 5th request cannot start before the first second is over, the 9th before
    // the second. A busy machine only delays requests, so these hold however loaded it is (the
    // gap between two arrivals does not: each arrival adds its own scheduling delay).
    expect(server.arrivals[4]! - started).toBeGreaterThanOrEqual(1000);
    expect(server.arrivals[8]! - started).toBeGreaterThanOrEqual(2000);
  });

  it('retries a 429 and a 500 and the case still passes', async () => {
    server.handle((body, n) =>
      n === 1
        ? { status: 429, content: 'slow down' }
        : n === 3
          ? { status: 500, content: 'oops' }
          : greetingAnswer(body),
    );
    session = await openAgent(openaiConfig(server.url), undefined);
    const outcome = await run({ cases: await cases(1) });
    expect(outcome.cases[0]).toMatchObject({ status: 'passed', error: null });
    expect(server.bodies).toHaveLength(4);
  });

  it('reports a case whose model keeps failing as an error, with the reason', async () => {
    server.handle(() => ({ status: 503, content: 'overloaded' }));
    session = await openAgent(openaiConfig(server.url), undefined);
    const outcome = await run({ cases: await cases(1) });
    expect(outcome.cases[0]!.status).toBe('error');
    expect(outcome.cases[0]!.error).toMatch(/HTTP 503/);
    expect(server.bodies).toHaveLength(3); // first try + 2 retries (config maxRetries), SDK retries off
  });
});

describe('runEval', () => {
  it('isolates a crashing case: it is an error, the others pass', async () => {
    session = await openAgent(offlineConfig(), undefined);
    session.pipeline = session.pipeline.withRuntime(
      scriptedAgent({
        before: (message) => {
          if (message === 'rompe') throw new Error('the runtime exploded');
        },
        reply: () => '¡Hola! ¿Qué auto buscas?',
      }),
    );
    const outcome = await run({
      cases: await cases(4, (i) => helloCase(`case-${i}`, i === 1 ? 'rompe' : 'hola')),
    });
    expect(outcome.cases.map((c) => [c.id, c.status])).toEqual([
      ['case-0', 'passed'],
      ['case-1', 'error'],
      ['case-2', 'passed'],
      ['case-3', 'passed'],
    ]);
    expect(outcome.cases[1]!.error).toBe('the runtime exploded');
  });

  it('times a hung case out without holding up the rest', async () => {
    session = await openAgent(offlineConfig(), undefined);
    session.pipeline = session.pipeline.withRuntime(
      scriptedAgent({
        before: (message) => (message === 'lento' ? new Promise<void>(() => {}) : undefined),
        reply: () => '¡Hola!',
      }),
    );
    // The slow case never answers: the run ends only because the case timeout gives up on it.
    const outcome = await run({
      cases: await cases(3, (i) => helloCase(`case-${i}`, i === 0 ? 'lento' : 'hola')),
      concurrency: 1,
      caseTimeoutMs: 300,
    });
    expect(outcome.cases[0]).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/^timed out after 300 ms at turn 1 of 1/),
    });
    expect(outcome.cases.slice(1).map((c) => c.status)).toEqual(['passed', 'passed']);
  });

  it('passes the timeout to the runtime as an abort signal', async () => {
    session = await openAgent(offlineConfig(), undefined);
    let aborted = false;
    const agent = scriptedAgent({
      before: (_message, task) =>
        task === 'intents'
          ? new Promise<void>((_, reject) => {
              const signal = agent.calls.at(-1)!.signal!;
              signal.addEventListener('abort', () => {
                aborted = true;
                reject(new ModelCallError('cancelled', { kind: 'other', isRetryable: false }));
              });
            })
          : undefined,
    });
    session.pipeline = session.pipeline.withRuntime(agent);
    const outcome = await run({ cases: await cases(1), caseTimeoutMs: 100 });
    expect(outcome.cases[0]!.status).toBe('error');
    expect(aborted).toBe(true);
  });

  it('stops starting cases once --max-cost is reached, and says so', async () => {
    session = await openAgent(offlineConfig(), undefined);
    // gpt-4o-mini at $0.15 per million input tokens: each call costs $0.15, each case (2 calls) $0.30.
    session.pipeline = session.pipeline.withRuntime(
      scriptedAgent({ usage: { inputTokens: 1_000_000, outputTokens: 0 }, reply: () => 'hola' }),
    );
    const outcome = await run({ cases: await cases(5), concurrency: 1, maxCostUsd: 0.5 });
    expect(outcome.cases.map((c) => c.id)).toEqual(['case-0', 'case-1']);
    expect(outcome.notRun).toEqual(['case-2', 'case-3', 'case-4']);
    expect(outcome.stopped).toMatch(
      /--max-cost \$0\.50 reached \(\$0\.6000 spent\); 3 of 5 case runs not started/,
    );
    expect(outcome.costUsd).toBeCloseTo(0.6);
  });

  it('repeats each case K times and marks flaky ones', async () => {
    session = await openAgent(offlineConfig(), undefined);
    let calls = 0;
    // Every other reply of the "flaky" case lacks the keyword; "steady" always has it.
    session.pipeline = session.pipeline.withRuntime(
      scriptedAgent({ reply: (message) => (message === 'flaky' && calls++ % 2 === 1 ? 'buenas' : 'hola') }),
    );
    const events: EvalEvent[] = [];
    const outcome = await run(
      {
        cases: await loadGoldenSet(writeGoldenSet([helloCase('steady'), helloCase('flaky', 'flaky')])),
        repeat: 4,
        concurrency: 1,
      },
      events,
    );
    expect(outcome.cases.find((c) => c.id === 'steady')).toMatchObject({
      status: 'passed',
      repeats: { runs: 4, passed: 4, flaky: false },
    });
    expect(outcome.cases.find((c) => c.id === 'flaky')).toMatchObject({
      status: 'failed',
      repeats: { runs: 4, passed: 2, flaky: true },
    });
    expect(events.filter((e) => e.type === 'case_end')).toHaveLength(8);
    expect(events.at(-1)).toMatchObject({ type: 'run_end', done: 8, total: 8, passed: 6 });
  });

  it("writes a case's starting profile before its first turn", async () => {
    session = await openAgent(offlineConfig(), undefined);
    const agent = scriptedAgent({ reply: () => 'hola' });
    session.pipeline = session.pipeline.withRuntime(agent);
    const seeded = { ...(helloCase('seeded') as object), profile: { name: 'Lupita', budgetMax: 300000 } };
    await run({ cases: await loadGoldenSet(writeGoldenSet([seeded])) });
    const input = agent.calls.find((c) => c.task.name === 'intents')!.task.input as {
      profile: { name: string; budgetMax: number };
    };
    expect(input.profile).toMatchObject({ name: 'Lupita', budgetMax: 300000 });
  });

  it('emits progress events in order', async () => {
    const events: EvalEvent[] = [];
    session = await openAgent(offlineConfig(), undefined);
    session.pipeline = session.pipeline.withRuntime(scriptedAgent({ reply: () => 'hola' }));
    await run({ cases: await cases(1) }, events);
    expect(events.map((e) => e.type)).toEqual(['run_start', 'case_start', 'turn_end', 'case_end', 'run_end']);
  });
});
