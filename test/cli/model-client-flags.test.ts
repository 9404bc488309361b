import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completionReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../helpers/fake-openai-server.js';
import { runKavak } from '../helpers/run-kavak.js';

/** A server slower than any timeout these tests set: every request it gets times out. */
const TOO_SLOW = { ...completionReply({ content: 'hola' }), delayMs: 20_000 };

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'kavak-flags-')), 'kavak.db');
}

describe('model timeout and retries from flags and env (real SDK, real HTTP)', () => {
  let server: FakeOpenAIServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.fallback(TOO_SLOW);
  });

  const ask = (extra: string[], env: Record<string, string> = {}) =>
    runKavak(['ask', '--runtime', 'openai', '--base-url', server.url, '--db', tempDb(), ...extra, 'hola'], {
      env,
    });

  it('--timeout-ms and --max-retries set how long one request may take and how often it is retried', async () => {
    const run = await ask(['--timeout-ms', '300', '--max-retries', '1']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/timed out/);
    // One intents request, retried once; the 20 s server was never waited for.
    expect(server.requests).toHaveLength(2);
  });

  it('KAVAK_TIMEOUT_MS and KAVAK_MAX_RETRIES do the same, and a flag wins over its env var', async () => {
    const run = await ask(['--max-retries', '0'], { KAVAK_TIMEOUT_MS: '300', KAVAK_MAX_RETRIES: '3' });
    expect(run.stderr).toMatch(/timed out/);
    expect(server.requests).toHaveLength(1);
  });

  it('a bad value is refused before any request, naming the setting and what it expects', async () => {
    const flag = await ask(['--timeout-ms', '5s']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      '--timeout-ms has a bad value "5s" (expected a whole number of milliseconds',
    );
    const env = await ask([], { KAVAK_MAX_RETRIES: 'many' });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain(
      'KAVAK_MAX_RETRIES has a bad value "many" (expected a whole number from 0 to 10)',
    );
    expect(server.requests).toHaveLength(0);
  });
});
