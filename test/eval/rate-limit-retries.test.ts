import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelCallError } from '../../src/runtime/errors.js';
import { createOpenAIRuntime } from '../../src/runtime/openai/index.js';
import type { GenerateRequest, LanguageModelRuntime } from '../../src/core/ports/language-model.js';
import { createRateLimiter, withRateLimit } from '../../src/eval/runner/rate-limit.js';
import { withRetries } from '../../src/eval/runner/retries.js';
import { startCountingServer, type CountingServer } from './counting-openai-server.js';

let server: CountingServer;
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/**
 * A fresh client's first calls are slowed by set-up (tens of ms), which would make later
 * arrivals look closer together than the limiter let them start: warm it, then forget those calls.
 */
async function warm(runtime: LanguageModelRuntime): Promise<void> {
  await Promise.all([1, 2, 3, 4].map(() => runtime.generate(request())));
  server.reset();
}

/** The SDK's own retries off, as the eval builds its runtimes. */
const openai = () =>
  createOpenAIRuntime({
    apiKey: 'sk-test-not-real',
    baseURL: server.url,
    model: 'gpt-4o-mini',
    maxRetries: 0,
  });
/**
 * When each call left for the server: what the limiter controls. The server's arrival times add
 * the wire's and the event loop's jitter, over 100 ms on a busy machine, so spacing is read here.
 */
/** How late a recorded start may trail the limiter's grant on a busy machine (see below). */
const SCHEDULING_SLACK_MS = 40;

function recordingStarts(
  inner: LanguageModelRuntime,
  starts: number[] = [],
): { runtime: LanguageModelRuntime; starts: number[] } {
  const runtime: LanguageModelRuntime = {
    ...inner,
    generate: (call) => {
      starts.push(performance.now());
      return inner.generate(call);
    },
  };
  return { runtime, starts };
}

const request = (text = 'hola'): GenerateRequest => ({
  task: { name: 'reply', input: {} },
  messages: [{ role: 'user', content: text }],
});

describe('withRateLimit', () => {
  it('lets no more than `limit` requests reach the server in any window, however many are in flight', async () => {
    const inner = openai();
    await warm(inner);
    const { runtime: recorded, starts } = recordingStarts(inner);
    const runtime = withRateLimit(recorded, createRateLimiter({ limit: 3, windowMs: 1000 }));
    const started = performance.now();
    await Promise.all(Array.from({ length: 7 }, (_, i) => runtime.generate(request(`m${i}`))));
    expect(server.arrivals).toHaveLength(7);
    expect(starts).toHaveLength(7);
    // Any 4 consecutive starts span a whole window. The limiter spaces its grants by its own clock;
    // a start is recorded a few promise hops later, and on a loaded machine a GC pause there can
    // shift one by some milliseconds (seen: 11 ms), so the slack is SCHEDULING_SLACK_MS, far below
    // the ~0 ms spacing of requests that no limiter holds back.
    for (let i = 0; i + 3 < starts.length; i++) {
      expect(starts[i + 3]! - starts[i]!).toBeGreaterThanOrEqual(1000 - SCHEDULING_SLACK_MS);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('shares one budget between runtimes (agent and judge)', async () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 600 });
    const [agentInner, judgeInner] = [openai(), openai()];
    await warm(agentInner);
    await warm(judgeInner);
    const starts: number[] = [];
    const agent = withRateLimit(recordingStarts(agentInner, starts).runtime, limiter);
    const judge = withRateLimit(recordingStarts(judgeInner, starts).runtime, limiter);
    await Promise.all([
      agent.generate(request()),
      judge.generate(request()),
      agent.generate(request()),
      judge.generate(request()),
    ]);
    expect(server.arrivals).toHaveLength(4);
    // The third call, whichever runtime made it, waited for the shared window.
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(600 - SCHEDULING_SLACK_MS);
  });

  it('gives up waiting when the call is aborted', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10_000 });
    const runtime = withRateLimit(openai(), limiter);
    await runtime.generate(request());
    const controller = new AbortController();
    const waiting = runtime.generate({ ...request(), signal: controller.signal });
    controller.abort(new Error('case timed out'));
    await expect(waiting).rejects.toThrow('case timed out');
    expect(server.arrivals).toHaveLength(1);
  });
});

describe('withRetries', () => {
  it('retries a 429 and a 503 with backoff, then succeeds', async () => {
    server.handle((body, n) =>
      n === 1
        ? { status: 429, content: 'slow down' }
        : n === 2
          ? { status: 503, content: 'busy' }
          : { content: 'hola' },
    );
    const runtime = withRetries(openai(), { retries: 2, baseMs: 5 });
    const result = await runtime.generate(request());
    expect(result.text).toBe('hola');
    expect(server.bodies).toHaveLength(3);
  });

  it('gives up after its retries with the last error', async () => {
    server.handle(() => ({ status: 429, content: 'slow down' }));
    const runtime = withRetries(openai(), { retries: 2, baseMs: 5 });
    const error = await runtime.generate(request()).catch((e: unknown) => e);
    expect(ModelCallError.is(error) && error.status).toBe(429);
    expect(server.bodies).toHaveLength(3);
  });

  it('does not retry what waiting cannot fix (a 400)', async () => {
    server.handle(() => ({ status: 400, content: 'bad schema' }));
    const runtime = withRetries(openai(), { retries: 3, baseMs: 5 });
    await expect(runtime.generate(request())).rejects.toThrow(/HTTP 400/);
    expect(server.bodies).toHaveLength(1);
  });

  it('takes a rate-limit slot for every attempt when stacked on withRateLimit', async () => {
    const inner = openai();
    await warm(inner);
    server.handle((body, n) => (n === 1 ? { status: 429, content: 'slow down' } : { content: 'hola' }));
    const runtime = withRetries(withRateLimit(inner, createRateLimiter({ limit: 1, windowMs: 600 })), {
      retries: 1,
      baseMs: 1,
    });
    await runtime.generate(request());
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(500);
  });
});
