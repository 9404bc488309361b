import { newestResultsFile } from '../helpers/newest-run.js';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import { RunResultSchema } from '../../src/eval/results/schema.js';
import {
  greetingAnswer,
  schemaOf,
  startCountingServer,
  type CountingServer,
} from './counting-openai-server.js';
import { evalOffline, kavak } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet } from './eval-fixtures.js';

/**
 * `kavak eval --variant`: two variants in one run, as a user sees them. "copy" runs offline on a
 * copy of the prompts folder; "cheap" is another model on a scripted OpenAI-compatible server
 * whose replies greet back in the customer's words, so some cases flip between the two.
 */
let server: CountingServer;
let stdout = '';
let stderr = '';
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.handle((body) => {
    if (schemaOf(body) !== undefined) return greetingAnswer(body);
    const asked = JSON.stringify(body.messages ?? []);
    const greeting = /buenas tardes/i.test(asked)
      ? 'Buenas tardes'
      : /buenas noches/i.test(asked)
        ? 'Buenas noches'
        : '¡Hola!';
    return { content: `${greeting}, ¿qué auto buscas?` };
  });
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

/**
 * greet-1 passes on both; greet-2 and greet-4 pass offline (it always says "hola") and fail on
 * "cheap"; greet-3 wants "buenas", which only "cheap" says. copy 3/4, cheap 2/4.
 */
function goldenSet(): string {
  return writeGoldenSet([
    helloCase('greet-1', 'hola'),
    helloCase('greet-2', 'buenas tardes'),
    helloCase('greet-3', 'buenas noches', ['buenas']),
    helloCase('greet-4', 'buenas tardes, busco auto'),
  ]);
}

/** The two variant files, in a folder of their own with the prompts copy beside them. */
function variantFiles(extra: Record<string, unknown> = {}): { copy: string; cheap: string; dir: string } {
  const dir = tempDir('kavak-variants-');
  cpSync(join(packageRoot(), 'prompts'), join(dir, 'prompts-v2'), { recursive: true });
  const copy = join(dir, 'copy.json');
  const cheap = join(dir, 'cheap.json');
  writeFileSync(copy, JSON.stringify({ prompts: { folder: './prompts-v2' }, ...extra }));
  writeFileSync(
    cheap,
    JSON.stringify({
      runtime: 'openai',
      baseUrl: server.url,
      model: 'cheap-model',
      prices: { 'cheap-model': { inputPerMillion: 1, outputPerMillion: 2 } },
    }),
  );
  return { copy, cheap, dir };
}

/** The lines the variants add to the terminal report, from their legend to the reports line. */
function variantsSection(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Variants ('));
  const end = lines.findIndex((l) => l.startsWith('Reports: '));
  return lines.slice(start, end);
}

describe('kavak eval --variant', () => {
  it('runs the golden set once per variant and shows them side by side with McNemar, in 80 columns', async () => {
    const out = tempDir();
    const { copy, cheap } = variantFiles();
    const code = await evalOffline(
      goldenSet(),
      out,
      '--variant',
      `copy=${copy}`,
      '--variant',
      `cheap=${cheap}`,
    );
    expect(code).toBe(0);
    // The paid-run banner counts the variant on a paid runtime.
    expect(stderr).toMatch(/^Paid run: .*\n {2}agent: openai cheap-model, ~8 calls, ~\$/);

    const section = variantsSection(stdout);
    expect(section.length).toBeGreaterThan(10);
    for (const line of section) expect([...line].length, line).toBeLessThanOrEqual(80);
    const text = section.join('\n');
    expect(text).toMatch(/│ +│ +copy │ +cheap │/);
    expect(text).toMatch(/│ pass rate \(cases\) +│ +75\.0% 3\/4 │ +50\.0% 2\/4 │/);
    expect(text).toMatch(/│ {3}keywords +│ +75\.0% │ +50\.0% │/);
    expect(text).toMatch(/│ agent cost +│ +\$0 │ +\$0\.00112 │/);
    expect(text).toMatch(/│ latency p50 \/ turn +│ +[\d.]+ m?s │ +[\d.]+ m?s │/);
    expect(text).toMatch(/ {2}cheap: openai · cheap-model · .*cheap\.json\n/);
    expect(text).toContain('cheap vs copy: 4 paired cases, pass rate 75.0% → 50.0%');
    expect(text).toContain('▼ 2 newly failing · ▲ 1 newly passing');
    expect(text).toContain('McNemar exact p = 1.0000: within noise');
    expect(text).toMatch(/▼ greet-2: turn 1 keywords: /);
    expect(text).toContain('▲ greet-3');
    expect(stdout).toMatch(/Gate: PASS\n {2}note: the gate applies to the first variant, copy/);

    // Only "cheap" called the server, with its own model name.
    expect(new Set(server.bodies.map((b) => b.model))).toEqual(new Set(['cheap-model']));
  });

  it('writes one run folder: results.json is the first variant, each variant has its own results.json', async () => {
    const out = tempDir();
    const { copy, cheap } = variantFiles();
    await evalOffline(goldenSet(), out, '--variant', `copy=${copy}`, '--variant', `cheap=${cheap}`);
    const read = (...path: string[]) =>
      RunResultSchema.parse(JSON.parse(readFileSync(join(out, 'latest', ...path), 'utf8')));

    const main = read('results.json');
    expect(main.variant).toEqual({ name: 'copy', file: copy });
    expect(main.variants?.map((v) => [v.name, v.results])).toEqual([
      ['copy', join('variants', 'copy', 'results.json')],
      ['cheap', join('variants', 'cheap', 'results.json')],
    ]);
    expect(main.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'failed', 'passed']);
    expect(main.config.prompts).toMatch(/prompts-v2$/);

    const cheapRun = read('variants', 'cheap', 'results.json');
    expect(cheapRun.variant?.name).toBe('cheap');
    expect(cheapRun.runtime).toBe('openai');
    expect(cheapRun.model).toBe('cheap-model');
    expect(cheapRun.cases.map((c) => c.status)).toEqual(['passed', 'failed', 'passed', 'failed']);
    expect(cheapRun.cases[1]!.turns[0]!.reply).toBe('Buenas tardes, ¿qué auto buscas?');
    expect(read('variants', 'copy', 'results.json').cases).toEqual(main.cases);

    // A variant's results.json is a normal one: it serves as a --baseline.
    stdout = '';
    const again = await kavak(
      '--runtime',
      'offline',
      'eval',
      '--golden-set',
      goldenSet(),
      '--out',
      tempDir(),
      '--no-progress',
      '--baseline',
      join(out, 'latest', 'variants', 'cheap', 'results.json'),
    );
    expect(again).toBe(0);
    expect(stdout).toMatch(/newly failing \(b\) +│ +1 │/);
    expect(stdout).toMatch(/newly passing \(c\) +│ +2 │/);
  });

  it('report.html shows each case side by side, the cases that differ first; summary.md the table', async () => {
    const out = tempDir();
    const { copy, cheap } = variantFiles();
    await evalOffline(goldenSet(), out, '--variant', `copy=${copy}`, '--variant', `cheap=${cheap}`);
    const html = readFileSync(join(out, 'latest', 'report.html'), 'utf8');
    expect(html).toContain('<h2>Variants side by side (2)</h2>');
    expect(html).toContain('<h2>Cases by variant: 3 differ in pass/fail, 1 in replies only, 0 the same</h2>');
    expect(html).toMatch(
      /<b>cheap vs copy:<\/b> 2 newly failing, 1 newly passing over 4 paired cases\. McNemar exact p = 1\.0000/,
    );
    const order = [
      ...html.matchAll(
        /<details class="case variant-case" data-difference="(\w+)"[^>]*><summary><span class="case-id">([\w-]+)/g,
      ),
    ].map((m) => `${m[2]}:${m[1]}`);
    expect(order).toEqual(['greet-2:status', 'greet-3:status', 'greet-4:status', 'greet-1:reply']);
    // Each variant's reply, its status and its scorer results, in its own column.
    const greet2 = html.slice(html.indexOf('greet-2</span>'), html.indexOf('greet-3</span>'));
    expect(greet2).toContain('copy: passed');
    expect(greet2).toContain('cheap: failed');
    expect(greet2).toContain('Buenas tardes, ¿qué auto buscas?');
    expect(greet2).toMatch(/<h3[^>]*>cheap · failed · \$[\d.]+ · \d+ ms<\/h3>/);
    expect(greet2).toMatch(/<b>keywords<\/b>: /);

    const md = readFileSync(join(out, 'latest', 'summary.md'), 'utf8');
    expect(md).toContain('## Variants (2)');
    expect(md).toContain('| pass rate (cases) | 75.0% 3/4 | 50.0% 2/4 |');
    expect(md).toContain(
      '**cheap vs copy:** 2 newly failing, 1 newly passing over 4 paired cases; McNemar exact p = 1.0000 (within noise).',
    );
  });

  it('gates the first variant: the same run in the other order fails --min-pass-rate', async () => {
    const { copy, cheap } = variantFiles();
    const golden = goldenSet();
    const copyFirst = await evalOffline(
      golden,
      tempDir(),
      '--min-pass-rate',
      '0.7',
      '--variant',
      `copy=${copy}`,
      '--variant',
      `cheap=${cheap}`,
    );
    expect(copyFirst).toBe(0);
    stdout = '';
    const cheapFirst = await evalOffline(
      golden,
      tempDir(),
      '--min-pass-rate',
      '0.7',
      '--variant',
      `cheap=${cheap}`,
      '--variant',
      `copy=${copy}`,
    );
    expect(cheapFirst).toBe(1);
    expect(stdout).toContain('pass rate 50.0% (2/4) is below the minimum 70.0%');
    expect(stdout).toContain('note: the gate applies to the first variant, cheap');
  });

  it('shares -j across variants and lets them take turns case by case', async () => {
    const fast = server;
    fast.handle((body) => ({ ...greetingAnswer(body), delayMs: 20 }));
    const dir = tempDir('kavak-variants-');
    for (const model of ['m1', 'm2'])
      writeFileSync(
        join(dir, `${model}.json`),
        JSON.stringify({ runtime: 'openai', baseUrl: fast.url, model }),
      );
    const cases = Array.from({ length: 6 }, (_, i) => helloCase(`c${i}`));
    const code = await evalOffline(
      writeGoldenSet(cases),
      tempDir(),
      '-j',
      '2',
      '--variant',
      `m1=${join(dir, 'm1.json')}`,
      '--variant',
      `m2=${join(dir, 'm2.json')}`,
    );
    expect(code).toBe(0);
    expect(fast.maxInFlight).toBeLessThanOrEqual(2);
    const models = fast.bodies.map((b) => b.model);
    expect(models.filter((m) => m === 'm1')).toHaveLength(models.length / 2);
    // Interleaved: m2 starts long before m1 has finished all its cases.
    expect(models.indexOf('m2')).toBeLessThan(models.lastIndexOf('m1') / 2);
  });

  it('holds --max-cost for the whole run, leaving every variant with the same cases', async () => {
    const dir = tempDir('kavak-variants-');
    const price = { inputPerMillion: 1, outputPerMillion: 2 };
    for (const model of ['m1', 'm2'])
      writeFileSync(
        join(dir, `${model}.json`),
        JSON.stringify({ runtime: 'openai', baseUrl: server.url, model, prices: { [model]: price } }),
      );
    const out = tempDir();
    // Each case run costs 2 calls × (100 in + 20 out) = $0.00028: the 4th case run crosses $0.001.
    const code = await evalOffline(
      writeGoldenSet(Array.from({ length: 6 }, (_, i) => helloCase(`c${i}`))),
      out,
      '-j',
      '1',
      '--max-cost',
      '0.001',
      '--variant',
      `m1=${join(dir, 'm1.json')}`,
      '--variant',
      `m2=${join(dir, 'm2.json')}`,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('the run stopped early (--max-cost $0.00 reached');
    const ids = (name: string) =>
      RunResultSchema.parse(
        JSON.parse(
          readFileSync(join(dirname(newestResultsFile(out)), 'variants', name, 'results.json'), 'utf8'),
        ),
      ).cases.map((c) => c.id);
    expect(ids('m1')).toHaveLength(2);
    expect(ids('m2')).toEqual(ids('m1'));
  });

  it('--dry-run estimates every variant and calls no model', async () => {
    const { copy, cheap } = variantFiles();
    const code = await evalOffline(
      goldenSet(),
      tempDir(),
      '--dry-run',
      '--variant',
      `copy=${copy}`,
      '--variant',
      `cheap=${cheap}`,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`Variant copy (${copy})`);
    expect(stdout).toMatch(/Variant cheap .*\nDry run: 4 cases/);
    expect(stdout).toContain('agent (openai cheap-model)');
    expect(server.bodies).toHaveLength(0);
  });
});

describe('kavak eval --variant with a bad overlay', () => {
  async function refused(overlay: unknown): Promise<{ code: number; file: string }> {
    const file = join(tempDir('kavak-variants-'), 'bad.json');
    writeFileSync(file, typeof overlay === 'string' ? overlay : JSON.stringify(overlay));
    const { cheap } = variantFiles();
    const code = await evalOffline(
      goldenSet(),
      tempDir(),
      '--variant',
      `cheap=${cheap}`,
      '--variant',
      `bad=${file}`,
    );
    return { code, file };
  }

  it('exits 2 naming the file and the field, before any model call', async () => {
    const unknownKey = await refused({ modle: 'gpt-4o' });
    expect(unknownKey.code).toBe(2);
    expect(stderr).toContain(`${unknownKey.file}: unknown key "modle"`);

    const badValue = await refused({ agents: { cars: { temperature: 7 } } });
    expect(badValue.code).toBe(2);
    expect(stderr).toContain(`${badValue.file}: "agents.cars.temperature": Too big`);

    const judge = await refused({ judge: { model: 'gpt-4o' } });
    expect(judge.code).toBe(2);
    expect(stderr).toContain(`${judge.file}: "judge": the judges are the same for every variant`);

    const version = await refused({ prompts: { version: 'v12' } });
    expect(version.code).toBe(2);
    expect(stderr).toContain(
      `${version.file}: "prompts.version": stored prompt versions are not available yet`,
    );

    const folder = await refused({ prompts: './nowhere' });
    expect(folder.code).toBe(2);
    expect(stderr).toMatch(/bad\.json: "prompts": no prompts folder at .*nowhere/);

    const json = await refused('{ "model": "x", }');
    expect(json.code).toBe(2);
    expect(stderr).toContain(`${json.file} is not valid JSON`);

    expect(server.bodies).toHaveLength(0);
  });

  it('exits 2 on a malformed --variant, a repeated name or a missing file', async () => {
    const golden = goldenSet();
    expect(await evalOffline(golden, tempDir(), '--variant', 'no-equals-sign')).toBe(2);
    expect(stderr).toContain('--variant: "no-equals-sign" is not <name>=<config-file>');
    const { copy } = variantFiles();
    expect(await evalOffline(golden, tempDir(), '--variant', `a=${copy}`, '--variant', `a=${copy}`)).toBe(2);
    expect(stderr).toContain('the name "a" is given twice');
    expect(await evalOffline(golden, tempDir(), '--variant', 'a=/no/such/variant.json')).toBe(2);
    expect(stderr).toContain('Variant file not found: /no/such/variant.json');
    expect(await evalOffline(golden, tempDir(), '--variant', `a=${copy}`, '--rescore', 'x.json')).toBe(2);
    expect(stderr).toContain('--variant and --rescore do not go together');
  });
});
