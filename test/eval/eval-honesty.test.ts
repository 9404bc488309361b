/**
 * `kavak eval` and `kavak eval calibrate` against a real local OpenAI-compatible server: a judge
 * call that errors is an error, never a verdict; a paid run says what it will cost before its
 * first call; a broken prompt file fails before any call, naming the file and the placeholder.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import { emptyEntities } from '../../src/core/intents/schema.js';
import {
  greetingAnswer,
  schemaOf,
  startCountingServer,
  type CountingServer,
} from './counting-openai-server.js';
import { kavak } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet, writeLabelsFile } from './eval-fixtures.js';

let server: CountingServer;
let stdout = '';
let stderr = '';
/** How many requests the server had seen when the paid-run banner was printed. */
let requestsBeforeBanner: number | undefined;
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  stdout = '';
  stderr = '';
  requestsBeforeBanner = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    if (String(chunk).includes('Paid run') && requestsBeforeBanner === undefined)
      requestsBeforeBanner = server.bodies.length;
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

/** Every judge call fails with a server error; the agent's calls answer normally. */
const judgeErrors = () =>
  server.handle((body) =>
    schemaOf(body) === 'verdict' ? { status: 500, content: 'judge overloaded' } : greetingAnswer(body),
  );

function evalOnServer(golden: string, ...flags: string[]) {
  return evalOnServerWith([], golden, ...flags);
}

/** `kavak <globals> --runtime openai … eval --golden-set <golden> …`. */
function evalOnServerWith(globals: string[], golden: string, ...flags: string[]) {
  return kavak(
    ...globals,
    '--runtime',
    'openai',
    '--base-url',
    server.url,
    'eval',
    '--golden-set',
    golden,
    '--out',
    tempDir(),
    '--no-progress',
    ...flags,
  );
}

const judgedCase = (id: string, critical?: string) => ({
  id,
  title: `case ${id}`,
  turns: [{ user: 'hola', ...(critical ? { critical } : {}), expect: { judges: ['tone'] } }],
});

const calibrate = (...flags: string[]) =>
  kavak(
    'eval',
    'calibrate',
    '--labels',
    writeLabelsFile(),
    '--judge-runtime',
    'openai',
    '--judge-base-url',
    server.url,
    ...flags,
  );

describe('judge errors are errors, never verdicts', () => {
  it('calibrate exits 2 and says how many labels got a verdict when every judge call fails', async () => {
    judgeErrors();
    expect(await calibrate()).toBe(2);
    expect(server.bodies.map(schemaOf)).toContain('verdict');
    expect(stdout).toContain('Valid verdicts: 0 of 3 labels (0.0%; at least 90.0% needed)');
    expect(stdout).not.toContain('agrees with every human label');
    expect(stdout).toContain('No valid verdict');
    expect(stderr).toMatch(/Only 0 of 3 labels got a valid judge verdict/);
    expect(stderr).toContain('judge overloaded');
  });

  it('calibrate exits 2 below the share even when some verdicts came', async () => {
    let verdicts = 0;
    server.handle((body) =>
      schemaOf(body) === 'verdict' && ++verdicts > 1
        ? { status: 400, content: 'bad request' }
        : greetingAnswer(body),
    );
    expect(await calibrate('--json')).toBe(2);
    const report = JSON.parse(stdout) as { labels: number; validVerdicts: number };
    expect(report).toMatchObject({ labels: 3, validVerdicts: 1 });
    // The paid-run banner went to stderr before the first judge call.
    expect(requestsBeforeBanner).toBe(0);
    expect(stderr).toMatch(/judge: openai gpt-4o-mini, ~3 calls, ~\$0\.\d+/);
  });

  it('calibrate --dry-run counts the judge calls and calls nothing', async () => {
    expect(await calibrate('--dry-run', '--judge-samples', '3')).toBe(0);
    expect(server.bodies).toHaveLength(0);
    expect(stdout).toMatch(/3 labels × 3 sample\(s\)/);
    expect(stdout).toMatch(/judge: openai gpt-4o-mini, 9 calls, .*~\$0\.\d+/);
  });

  it('eval counts judge errors apart from fails, and exits 2 when no verdict came', async () => {
    judgeErrors();
    const code = await evalOnServer(writeGoldenSet([judgedCase('a'), judgedCase('b')]));
    expect(code).toBe(2);
    expect(stdout).toMatch(/judge errors \(no verdict\)\s*│\s*2 │/);
    expect(stdout).toMatch(/│ judge:tone\s*│\s*0 │\s*0 │\s*no verdict │\s*— │\s*2 │/);
    expect(stderr).toMatch(/Every judge call failed: 2 verdict\(s\) missing/);
  });

  it('eval exits 2 when a critical turn could not be judged, even if other verdicts came', async () => {
    let verdicts = 0;
    server.handle((body) =>
      // 400: not retried, so exactly the first verdict is lost.
      schemaOf(body) === 'verdict' && ++verdicts === 1
        ? { status: 400, content: 'judge refused' }
        : greetingAnswer(body),
    );
    const golden = writeGoldenSet([judgedCase('crit', 'must be polite')]);
    writeFileSync(
      join(golden, 'zz-more.yaml'),
      JSON.stringify({ cases: [judgedCase('other-1'), judgedCase('other-2')] }),
    );
    // One case at a time, the critical one first (test.yaml loads before zz-more.yaml): it gets the error.
    const code = await evalOnServer(golden, '--concurrency', '1', '--json');
    expect(code).toBe(2);
    const printed = JSON.parse(stdout) as { summary: { judgeErrors: number; judgeVerdicts: number } };
    expect(printed.summary).toMatchObject({ judgeErrors: 1, judgeVerdicts: 2 });
    expect(stderr).toMatch(
      /1 critical turn\(s\) could not be checked; the first: crit turn 1 \(must be polite\)/,
    );
  });
});

describe('a paid run says so before its first call', () => {
  it('prints runtime, models, calls and cost, and warns when the agent judges itself', async () => {
    const golden = writeGoldenSet([judgedCase('a'), helloCase('b')]);
    expect(await evalOnServer(golden, '--json')).toBe(0);
    expect(requestsBeforeBanner).toBe(0);
    expect(stderr).toMatch(/agent: openai gpt-4o-mini, ~4 calls, ~\$0\.\d+/);
    expect(stderr).toMatch(/judge: openai gpt-4o-mini, ~1 calls, ~\$0\.\d+/);
    expect(stderr).toMatch(/total: ~5 model calls/);
    expect(stderr).toContain("warning: the judge is the agent's own model (openai gpt-4o-mini)");
    // --json output stays one clean JSON document.
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });

  it('does not warn when the judge is another model, and says when a model has no price', async () => {
    const golden = writeGoldenSet([judgedCase('a')]);
    expect(await evalOnServer(golden, '--judge-model', 'judge-9000')).toBe(0);
    expect(stderr).toMatch(
      /judge: openai judge-9000, ~1 calls, no price for judge-9000 \(add it under "prices" in kavak.config.json\)/,
    );
    expect(stderr).not.toContain("agent's own model");
  });
});

describe('prompt files are checked before any call', () => {
  function brokenPromptsConfig(): string {
    const dir = tempDir();
    cpSync(join(packageRoot(), 'prompts'), join(dir, 'prompts'), { recursive: true });
    const reply = join(dir, 'prompts', 'reply.md');
    writeFileSync(reply, readFileSync(reply, 'utf8').replace('{{facts}}', '{{fatcs}}'));
    writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify({ prompts: join(dir, 'prompts') }));
    return join(dir, 'kavak.config.json');
  }

  it('--dry-run fails (2) on a typo in prompts/reply.md, naming the file and the placeholder', async () => {
    const config = brokenPromptsConfig();
    const code = await kavak(
      '--config',
      config,
      'eval',
      '--golden-set',
      writeGoldenSet([helloCase('a')]),
      '--dry-run',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/prompts\/reply\.md: the placeholder \{\{fatcs\}\} has no value/);
    expect(stderr).toContain('did you mean {{facts}}?');
    expect(stderr).toContain('case "a" turn 1');
    expect(stdout).not.toContain('valid');
  });

  it('the real run fails (2) before any model call, blaming the prompt file, not the runtime', async () => {
    const config = brokenPromptsConfig();
    const code = await evalOnServerWith(
      ['--config', config],
      writeGoldenSet([helloCase('a'), helloCase('b')]),
    );
    expect(code).toBe(2);
    expect(server.bodies).toHaveLength(0);
    expect(stderr).toMatch(/reply\.md: the placeholder \{\{fatcs\}\}/);
    expect(stderr).toContain('Fix the prompt file');
    expect(stderr).not.toContain('Check the runtime');
  });
});

describe('the intents fallback is no detection', () => {
  const safetyCase = {
    id: 'off-topic',
    title: 'off-topic question',
    turns: [{ user: '¿Quién ganó el mundial de 1986?', expect: { intents: ['out_of_scope'] } }],
  };

  it('fails a case expecting out_of_scope when the intents call fell back to it', async () => {
    server.handle((body) =>
      schemaOf(body) === 'intents' ? { content: 'lo siento, no puedo' } : greetingAnswer(body),
    );
    const out = tempDir();
    // The last --out wins: this run's reports go where the test reads them.
    const code = await evalOnServer(writeGoldenSet([safetyCase]), '--out', out, '--min-pass-rate', '1');
    expect(code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as {
      cases: { turns: { scores: { scorer: string; pass: boolean; reason: string }[] }[] }[];
    };
    const intents = results.cases[0]!.turns[0]!.scores.find((s) => s.scorer === 'intents');
    expect(intents).toMatchObject({ pass: false });
    expect(intents!.reason).toMatch(/^no detection: the intents call fell back to out_of_scope \(/);
  });

  it('passes the same case when the model does detect out_of_scope', async () => {
    server.handle((body) =>
      schemaOf(body) === 'intents'
        ? {
            content: JSON.stringify({
              intents: [{ type: 'out_of_scope', confidence: 0.9, entities: emptyEntities() }],
            }),
          }
        : greetingAnswer(body),
    );
    expect(await evalOnServer(writeGoldenSet([safetyCase]), '--min-pass-rate', '1')).toBe(0);
  });
});
