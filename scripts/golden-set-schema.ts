/**
 * Writes golden-set/schema.json from the zod schema: `npx tsx scripts/golden-set-schema.ts`.
 * With --check it writes nothing and exits 1 when the committed file is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderGoldenSetJsonSchema } from '../src/eval/golden-set/json-schema.js';

const target = fileURLToPath(new URL('../golden-set/schema.json', import.meta.url));
const wanted = renderGoldenSetJsonSchema();
const current = await readFile(target, 'utf8').catch(() => '');

if (process.argv.includes('--check')) {
  if (current !== wanted) {
    console.error(`${target} is out of date: run npx tsx scripts/golden-set-schema.ts`);
    process.exitCode = 1;
  } else {
    console.log(`${target} is up to date`);
  }
} else if (current === wanted) {
  console.log(`${target} is up to date`);
} else {
  await writeFile(target, wanted);
  console.log(`wrote ${target}`);
}
