import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGoldenSet } from '../../../src/eval/golden-set/load.js';
import { RunResultSchema, type RunResult } from '../../../src/eval/results/schema.js';
import { loadPersonas } from '../../../src/eval/simulate/load-personas.js';
import { packageRoot } from '../../../src/app/config/paths.js';
import { runKavak } from '../../helpers/run-kavak.js';
import { tempDir } from '../eval-fixtures.js';

/** `kavak eval simulate` on the offline runtime: the built CLI as a user runs it, no key. */
function simulate(out: string, ...flags: string[]) {
  return runKavak(['--runtime', 'offline', 'eval', 'simulate', '--out', out, '--no-progress', ...flags]);
}

const readRun = (out: string): RunResult =>
  RunResultSchema.parse(JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')));

const ACCENTED = /[áéíóúüñÁÉÍÓÚÜÑ¿¡]/;

describe('kavak eval simulate (offline, scripted customers)', () => {
  const out = tempDir('kavak-sim-');
  let run: RunResult;
  let code: number;
  beforeAll(async () => {
    ({ code } = await simulate(out, '--min-pass-rate', '0.5'));
    run = readRun(out);
  }, 120_000);

  it('plays every bundled persona and writes the eval reports', async () => {
    expect(code).toBe(0);
    const personas = await loadPersonas(join(packageRoot(), 'personas'));
    expect(run.cases.map((c) => c.id).sort()).toEqual(personas.map((p) => p.id).sort());
    for (const name of ['results.json', 'summary.md', 'report.html']) {
      expect(existsSync(join(out, 'latest', name)), name).toBe(true);
    }
    expect(readFileSync(join(out, 'latest', 'summary.md'), 'utf8')).toContain('persona:goal');
  });

  it('writes each customer message in its persona style', async () => {
    const personas = await loadPersonas(join(packageRoot(), 'personas'));
    for (const persona of personas) {
      const messages = run.cases.find((c) => c.id === persona.id)!.turns.map((t) => t.user);
      expect(messages.length, persona.id).toBeGreaterThan(0);
      if (!persona.style.accents) for (const m of messages) expect(m, persona.id).not.toMatch(ACCENTED);
      if (persona.style.lowercase) for (const m of messages) expect(m, persona.id).toBe(m.toLowerCase());
      if (persona.opening)
        expect(messages[0]!.toLowerCase()).toContain(persona.opening.toLowerCase().slice(0, 5));
    }
    // Sofía writes with accents and many emojis; Beto with slang and abbreviations.
    const sofia = run.cases
      .find((c) => c.id === 'primer-auto-cdmx')!
      .turns.map((t) => t.user)
      .join(' ');
    expect(sofia).toMatch(ACCENTED);
    expect(sofia).toMatch(/\p{Extended_Pictographic}/u);
    const beto = run.cases
      .find((c) => c.id === 'chambero-pickup-puebla')!
      .turns.map((t) => t.user)
      .join(' ');
    expect(beto).toMatch(/\b(q|pa|xq|plis|porfa|neta|oye|sale|va)\b/);
  });

  it('stops each conversation at the goal, scored by the persona and the conversation rubrics', () => {
    for (const c of run.cases) {
      expect(c.simulation?.ended, c.id).toBe('goal');
      const scorers = (c.conversationScores ?? []).map((s) => s.scorer);
      expect(scorers[0]).toBe('persona:goal');
      expect(scorers).toContain('judge:stayed-in-role');
    }
    const booked = run.cases.find((c) => c.id === 'formal-sedan-guadalajara')!;
    expect(booked.turns.at(-1)!.reply).toMatch(/Registré tu solicitud/);
  });

  it('stops at --max-turns, fails the goal, and the gate exits 1 under --min-pass-rate', async () => {
    const short = tempDir('kavak-sim-short-');
    const result = await simulate(
      short,
      '--persona',
      'formal-sedan-guadalajara,familia-suv-monterrey',
      '--max-turns',
      '2',
      '--min-pass-rate',
      '1',
    );
    expect(result.code).toBe(1);
    const shortRun = readRun(short);
    expect(shortRun.cases).toHaveLength(2);
    for (const c of shortRun.cases) {
      expect(c.turns).toHaveLength(2);
      expect(c.simulation?.ended).toBe('max-turns');
      expect(c.status).toBe('failed');
      expect(c.conversationScores?.[0]).toMatchObject({ scorer: 'persona:goal', pass: false });
    }
    expect(result.stdout).toMatch(/pass rate 0\.0% .* below the minimum 100\.0%/);
  }, 120_000);

  it('plays the same conversation for the same seed, another for another seed', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const persona = ['--persona', 'mazda-impaciente-queretaro'];
    await simulate(a, ...persona, '--seed', '7');
    await simulate(b, ...persona, '--seed', '7');
    await simulate(c, ...persona, '--seed', '8');
    const messages = (dir: string) => readRun(dir).cases[0]!.turns.map((t) => t.user);
    expect(messages(a)).toEqual(messages(b));
    expect(messages(a)).not.toEqual(messages(c));
  }, 120_000);

  it('saves a simulated conversation as a golden-set case that kavak eval runs', async () => {
    const golden = tempDir('kavak-sim-golden-');
    const file = join(golden, 'simulated.yaml');
    const saved = await simulate(
      out,
      '--save-case',
      join(out, 'latest', 'familia-suv-monterrey'),
      '--to',
      file,
    );
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('sim-familia-suv-monterrey');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/Conservative default expectations/);

    const cases = await loadGoldenSet(golden);
    expect(cases).toHaveLength(1);
    const simulated = run.cases.find((c) => c.id === 'familia-suv-monterrey')!;
    expect(cases[0]!.turns.map((t) => t.user)).toEqual(simulated.turns.map((t) => t.user));

    // Saving it again under the same id is refused; under a new id it is appended to the file.
    const again = await simulate(
      out,
      '--save-case',
      join(out, 'latest', 'familia-suv-monterrey'),
      '--to',
      file,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    await simulate(
      out,
      '--save-case',
      join(out, 'latest', 'primer-auto-cdmx'),
      '--to',
      file,
      '--id',
      'sim-sofia',
    );
    expect((await loadGoldenSet(golden)).map((c) => c.id)).toEqual([
      'sim-familia-suv-monterrey',
      'sim-sofia',
    ]);

    const evalOut = tempDir('kavak-sim-eval-');
    const evaluated = await runKavak([
      '--runtime',
      'offline',
      'eval',
      '--golden-set',
      golden,
      '--out',
      evalOut,
      '--no-progress',
    ]);
    expect(evaluated.code).toBe(0);
    expect(readRun(evalOut).cases.map((c) => c.id)).toEqual(['sim-familia-suv-monterrey', 'sim-sofia']);
  }, 180_000);

  it('refuses a persona file with a bad field, naming the file and the field', async () => {
    const dir = tempDir('kavak-personas-');
    writeFileSync(
      join(dir, 'roto.yaml'),
      'id: roto\ngoal: algo\nbudget: 100000\ncity: Puebla\nstyle: { emojis: muchos }\nsuccess: { description: x }\n',
    );
    const result = await simulate(tempDir(), '--personas', dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/roto\.yaml style\.emojis: .*must be one of none, few, many/);
    const unknown = await simulate(tempDir(), '--persona', 'nadie');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no persona with id "nadie"[\s\S]*familia-suv-monterrey/);
  }, 60_000);
});
