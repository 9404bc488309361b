import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';
import type { KavakConfig } from '../../src/app/config/schema.js';
import { loadRubrics } from '../../src/eval/judge/rubric.js';
import { createJudging, loadTools } from '../../src/eval/runner/eval-session.js';
import { loadVariants } from '../../src/eval/variants/load-variants.js';
import { runVariants } from '../../src/eval/variants/run-variants.js';
import { evalOffline } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet } from './eval-fixtures.js';
import { loadGoldenSet } from '../../src/eval/golden-set/load.js';

it('variants on the same catalog and knowledge base load them once; one with another catalog loads its own', async () => {
  const dir = tempDir('kavak-variant-tools-');
  // "dearer" reads a catalog where the Versa 2020 costs $299,999.00 instead of $265,999.00.
  const catalog = readFileSync(join(packageRoot(), 'data/catalog.csv'), 'utf8');
  expect(catalog).toContain('322722,45837,265999.0,Nissan,Versa,2020');
  writeFileSync(join(dir, 'dearer.csv'), catalog.replace('322722,45837,265999.0,', '322722,45837,299999.0,'));
  writeFileSync(join(dir, 'base.json'), '{}');
  writeFileSync(join(dir, 'copy.json'), JSON.stringify({ temperature: 0.5 }));
  const [base, copy] = loadVariants(
    ['base', 'copy'].map((name) => ({ name, file: `${name}.json` })),
    { runtime: 'offline', db: ':memory:' },
    {},
    dir,
  );
  // A variant file may not set a catalog (the CLI runs every variant on the run's own), but a
  // Variant built in code may: it must not be handed the others' catalog.
  const dearer = {
    name: 'dearer',
    file: 'dearer.json',
    config: { ...base!.config, catalog: join(dir, 'dearer.csv') },
  };
  const variants = [base!, copy!, dearer];
  const cases = await loadGoldenSet(
    writeGoldenSet([
      {
        id: 'versa-price',
        title: 'the Versa 2020 price',
        tags: ['cars'],
        turns: [{ user: '¿Cuánto cuesta el Nissan Versa 2020?' }],
      },
    ]),
  );
  const loads: string[] = [];
  const countingLoad = (config: KavakConfig) => {
    loads.push(config.catalog);
    return loadTools(config);
  };
  const judging = createJudging(variants[0]!.config, { samples: 1, rubrics: loadRubrics() }, undefined);

  const ran = await runVariants({
    variants,
    cases,
    scoreTurn: judging.scoreTurn,
    scoreCase: judging.scoreCase,
    limiter: undefined,
    concurrency: 2,
    repeat: 1,
    caseTimeoutMs: 60_000,
    loadTools: countingLoad,
  });

  expect(loads).toEqual([variants[0]!.config.catalog, join(dir, 'dearer.csv')]);
  const replies = ran.map(({ variant, outcome }) => [variant.name, outcome.cases[0]!.turns[0]!.reply]);
  expect(replies.map(([name, reply]) => [name, reply!.includes('$265,999.00')])).toEqual([
    ['base', true],
    ['copy', true],
    ['dearer', false],
  ]);
  expect(replies[2]![1]).toContain('$299,999.00');
}, 120_000);

it('a --variant run checks the prompts each variant runs, not the base config prompts no variant uses', async () => {
  const dir = tempDir('kavak-variant-prompts-');
  // The base config's prompts have a broken placeholder; both variants bring their own folder.
  cpSync(join(packageRoot(), 'prompts'), join(dir, 'base-prompts'), { recursive: true });
  const intents = join(dir, 'base-prompts', 'intents.md');
  writeFileSync(intents, readFileSync(intents, 'utf8').replace('{{message}}', '{{no_such_placeholder}}'));
  writeFileSync(join(dir, 'kavak.config.json'), JSON.stringify({ prompts: join(dir, 'base-prompts') }));
  for (const name of ['a', 'b']) {
    cpSync(join(packageRoot(), 'prompts'), join(dir, `prompts-${name}`), { recursive: true });
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ prompts: `./prompts-${name}` }));
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const golden = writeGoldenSet([helloCase('greet')]);
    const config = join(dir, 'kavak.config.json');
    const variants = ['--variant', `a=${join(dir, 'a.json')}`, '--variant', `b=${join(dir, 'b.json')}`];
    const out = join(dir, 'reports');
    expect(await evalOffline(golden, out, '--config', config, ...variants)).toBe(0);
    // Without variants the base prompts run, and their broken placeholder is caught before any call.
    stderr = '';
    expect(await evalOffline(golden, out, '--config', config)).toBe(2);
    expect(stderr, stderr).toContain('no_such_placeholder');
  } finally {
    vi.restoreAllMocks();
  }
}, 120_000);
