import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunResultSchema, type RunResult } from '../../src/eval/results/schema.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../serve/helpers/fake-twilio-server.js';
import { tempDbPath } from '../serve/helpers/queue-harness.js';
import { startServeProcess, type ServeProcess } from '../serve/helpers/serve-process.js';
import { kavak } from './eval-cli.js';
import { tempDir, writeGoldenSet } from './eval-fixtures.js';

/** The synthetic customer numbers the eval makes up (+521555 and 7 digits). */
const SYNTHETIC_NUMBER = /521555\d{7}/;

const cases = [
  {
    id: 'target-greeting',
    title: 'greets',
    tags: ['greeting'],
    turns: [
      { user: 'hola', expect: { intents: ['greeting'], keywords: { any: ['hola', 'bienvenido', 'kavak'] } } },
    ],
  },
  {
    id: 'target-test-drive',
    title: 'test drive booked on the deployed bot',
    tags: ['sales'],
    judges: ['reached-visit'],
    turns: [
      { user: 'Me interesa el Corolla 2020', expect: { keywords: { all: ['Corolla'] }, facts: true } },
      { user: 'Quiero hacer una prueba de manejo' },
      { user: 'Me llamo Ana López y estoy en Guadalajara' },
      { user: 'En Midtown, el sábado a las 11', expect: { keywords: { all: ['Midtown'] } } },
    ],
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let stdout = '';
let stderr = '';
const savedEnv = { ...process.env };
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.env.TWILIO_AUTH_TOKEN = TEST_AUTH_TOKEN;
  process.env.TWILIO_ACCOUNT_SID = TEST_ACCOUNT_SID;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

function evalTarget(url: string, out: string, ...flags: string[]) {
  return kavak(
    '--runtime',
    'offline',
    'eval',
    '--golden-set',
    writeGoldenSet(cases),
    '--out',
    out,
    '--no-progress',
    '--target',
    url,
    '--turn-timeout',
    '20000',
    ...flags,
  );
}

function results(out: string): { run: RunResult; raw: string } {
  const raw = readFileSync(join(out, 'latest', 'results.json'), 'utf8');
  return { run: RunResultSchema.parse(JSON.parse(raw)), raw };
}

function expectScoredReplies(run: RunResult) {
  const drive = run.cases.find((c) => c.id === 'target-test-drive')!;
  expect(drive.status).toBe('passed');
  expect(drive.turns.map((t) => t.reply.length > 0)).toEqual([true, true, true, true]);
  expect(drive.turns[3]!.reply).toContain('Midtown');
  // The conversation rubric read the deployed bot's replies.
  expect(drive.conversationScores?.[0]).toMatchObject({ scorer: 'judge:reached-visit', pass: true });
  // Internals are not measured against a target: skipped, never failed.
  expect(drive.turns[0]!.scores.find((s) => s.scorer === 'facts')).toMatchObject({
    skipped: true,
    reason: 'not measured against a target',
  });
  const greeting = run.cases.find((c) => c.id === 'target-greeting')!;
  expect(greeting.turns[0]!.scores.find((s) => s.scorer === 'intents')).toMatchObject({ skipped: true });
  expect(greeting.status).toBe('passed');
}

describe('kavak eval --target on a real kavak serve (TwiML replies)', () => {
  let server: ServeProcess;
  beforeAll(async () => {
    server = await startServeProcess(['--reply', 'twiml', '--db', tempDbPath()], {
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    });
  }, 90_000);
  afterAll(() => void server.child.kill('SIGKILL'));

  it('scores the replies read from TwiML, writes no customer number and exits 0', async () => {
    const out = tempDir('kavak-target-');
    const code = await evalTarget(server.webhookUrl, out);
    expect(stderr).not.toMatch(/kavak: /);
    const { run, raw } = results(out);
    expectScoredReplies(run);
    expect(run.runtime).toBe('target');
    expect(code).toBe(0);
    for (const text of [raw, stdout, stderr, readFileSync(join(out, 'latest', 'summary.md'), 'utf8')]) {
      expect(text).not.toMatch(SYNTHETIC_NUMBER);
    }
  }, 120_000);

  it('a wrong auth token is a clear error, exit 2', async () => {
    process.env.TWILIO_AUTH_TOKEN = 'not-the-server-token';
    const code = await evalTarget(server.webhookUrl, tempDir('kavak-target-'));
    expect(code).toBe(2);
    expect(stderr).toContain('rejected the request signature (403): the auth token differs');
  }, 60_000);
});

describe('kavak eval --target on a real kavak serve (REST replies)', () => {
  let server: ServeProcess;
  let capturePort: number;
  beforeAll(async () => {
    capturePort = await freePort();
    server = await startServeProcess(['--reply', 'rest', '--db', tempDbPath()], {
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      KAVAK_TWILIO_API_URL: `http://127.0.0.1:${capturePort}`,
    });
  }, 90_000);
  afterAll(() => void server.child.kill('SIGKILL'));

  it('reads the replies the server sends through the Twilio REST API at the capture endpoint', async () => {
    const out = tempDir('kavak-target-');
    const code = await evalTarget(server.webhookUrl, out, '--capture-port', String(capturePort));
    expect(stderr).not.toMatch(/kavak: /);
    expectScoredReplies(results(out).run);
    expect(code).toBe(0);
  }, 120_000);
});

describe('kavak eval --target with nothing listening', () => {
  it('says the target cannot be reached, exit 2', async () => {
    const url = `http://127.0.0.1:${await freePort()}/twilio/whatsapp`;
    const code = await evalTarget(url, tempDir('kavak-target-'));
    expect(code).toBe(2);
    expect(stderr).toContain(`Cannot reach the target ${url}: ECONNREFUSED`);
  }, 60_000);
});
