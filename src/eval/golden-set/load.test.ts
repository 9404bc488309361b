import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KavakError } from '../../support/errors.js';
import { GoldenSetError } from './errors.js';
import { loadGoldenSet } from './load.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'golden-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const GREETING = `# yaml-language-server: $schema=./schema.json
cases:
  - id: greeting-hola
    title: Saludo simple
    tags: [greeting, single-intent]
    turns:
      - user: Hola
        expect:
          intents: [greeting]
          keywords: { any: [Kavak] }
`;

const CARS = `cases:
  - id: cars-versa
    title: Busca un Versa
    tags: [cars]
    turns:
      - user: Busco un Versa
        expect: { intents: [car_recommendation], facts: { constraints: { model: Versa } } }
      - user: ¿y a 5 años?
        critical: inventing a payment
  - id: cars-jetta
    title: Busca un Jetta
    turns:
      - user: Busco un Jetta
`;

async function write(name: string, text: string): Promise<void> {
  await writeFile(join(dir, name), text);
}

async function failure(promise: Promise<unknown>): Promise<GoldenSetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoldenSetError);
  return error as GoldenSetError;
}

describe('loadGoldenSet', () => {
  it('loads every .yaml of the folder, in file-name order, with defaults and locations', async () => {
    await write('greeting.yaml', GREETING);
    await write('cars.yml', CARS);
    await write('notes.txt', 'not a golden file');
    const cases = await loadGoldenSet(dir);
    expect(cases.map((c) => c.id)).toEqual(['cars-versa', 'cars-jetta', 'greeting-hola']);
    const [versa, jetta, hola] = cases;
    expect(versa!.file).toBe(join(dir, 'cars.yml'));
    expect(versa!.line).toBe(2);
    expect(jetta!.line).toBe(10);
    expect(hola!.line).toBe(3);
    expect(jetta!.tags).toEqual([]);
    expect(versa!.turns[1]!.expect).toEqual({});
    expect(versa!.turns[1]!.critical).toBe('inventing a payment');
    expect(versa!.turns[0]!.expect.facts).toEqual({ constraints: { model: 'Versa' } });
  });

  it('applies a filter after validating everything', async () => {
    await write('greeting.yaml', GREETING);
    await write('cars.yaml', CARS);
    expect((await loadGoldenSet(dir, { filter: 'tag:greeting' })).map((c) => c.id)).toEqual([
      'greeting-hola',
    ]);
    expect((await loadGoldenSet(dir, { filter: '/^cars-/' })).map((c) => c.id)).toEqual([
      'cars-versa',
      'cars-jetta',
    ]);
    expect((await loadGoldenSet(dir, { filter: 'cars-jetta' })).map((c) => c.id)).toEqual(['cars-jetta']);
  });

  it('names the file, line, case and field of a bad intent, a missing user and an unknown key, all at once', async () => {
    await write(
      'bad.yaml',
      `cases:
  - id: bad-one
    title: Varios errores
    turns:
      - user: Hola
        expect:
          intents: [greting]
      - expect: { intents: [greeting] }
      - user: Busco auto
        expect:
          keyword: { all: [Versa] }
`,
    );
    const error = await failure(loadGoldenSet(dir));
    expect(error.exitCode).toBe(2);
    expect(KavakError.is(error)).toBe(true);
    expect(error.hint).toMatch(/schema\.json/);
    const file = join(dir, 'bad.yaml');
    expect(error.issues).toEqual([
      expect.objectContaining({ file, line: 7, caseId: 'bad-one', path: 'turns[0].expect.intents[0]' }),
      expect.objectContaining({ file, line: 8, caseId: 'bad-one', path: 'turns[1].user' }),
      expect.objectContaining({ file, line: 11, caseId: 'bad-one', path: 'turns[2].expect' }),
    ]);
    expect(error.message).toContain(
      `${file}:7 case "bad-one" turns[0].expect.intents[0]: "greting" is not allowed; did you mean "greeting"?`,
    );
    expect(error.message).toContain(
      `${file}:8 case "bad-one" turns[1].user: required, missing (expected string)`,
    );
    expect(error.message).toContain('unknown key "keyword" (did you mean "keywords"?');
  });

  it('names a case by its position when it has no valid id', async () => {
    await write('noid.yaml', 'cases:\n  - title: Sin id\n    turns: [{ user: Hola }]\n');
    const error = await failure(loadGoldenSet(dir));
    expect(error.issues[0]).toMatchObject({ caseIndex: 0, path: 'id', line: 2 });
    expect(error.issues[0]!.caseId).toBeUndefined();
    expect(error.message).toContain('case #1 id: required, missing');
  });

  it('reports a duplicate id across files with both places', async () => {
    await write('a.yaml', CARS);
    await write('b.yaml', CARS.replace('cars-jetta', 'cars-jetta-2'));
    const error = await failure(loadGoldenSet(dir));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: join(dir, 'b.yaml'), caseId: 'cars-versa', path: 'id' });
    expect(error.message).toContain(`also used in ${join(dir, 'a.yaml')}:2`);
  });

  it('collects problems from every file, YAML syntax errors included', async () => {
    await write('a.yaml', 'cases:\n  - id: x\n    title: [unclosed\n');
    await write('b.yaml', 'cases: []\n');
    await write('c.yaml', '');
    const error = await failure(loadGoldenSet(dir));
    expect(error.issues.map((i) => i.file)).toEqual([
      join(dir, 'a.yaml'),
      join(dir, 'b.yaml'),
      join(dir, 'c.yaml'),
    ]);
    expect(error.issues[0]!.message).toMatch(/not valid YAML/);
    expect(error.issues[1]!.path).toBe('cases');
    expect(error.issues[2]!.message).toMatch(/empty/);
  });

  it('says what to do when the folder is missing or has no YAML', async () => {
    const missing = await failure(loadGoldenSet(join(dir, 'nope')));
    expect(missing.message).toMatch(/folder not found/);
    expect(missing.hint).toMatch(/golden-set/);
    const empty = await failure(loadGoldenSet(dir));
    expect(empty.message).toMatch(/no \.yaml files/);
  });

  it('fails when the filter selects nothing or is a bad regex, listing the tags', async () => {
    await write('greeting.yaml', GREETING);
    const none = await failure(loadGoldenSet(dir, { filter: 'tag:nope' }));
    expect(none.message).toMatch(/matches none of the 1 cases/);
    expect(none.hint).toMatch(/greeting, single-intent/);
    const bad = await failure(loadGoldenSet(dir, { filter: '/(/' }));
    expect(bad.message).toMatch(/not a valid regex/);
  });
});
