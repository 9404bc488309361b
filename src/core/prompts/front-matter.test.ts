import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../app/config/paths.js';
import { parseFrontMatter } from './front-matter.js';

/** The value, or the error's message: a bad front matter must fail the same way. */
function outcome(parse: () => unknown): unknown {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function frontMatterOf(file: string): string | undefined {
  return /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'))?.[1];
}

describe('parseFrontMatter reads front matter exactly as YAML does', () => {
  const dirs = ['prompts', 'prompts/agents', 'judges'].map((dir) => join(packageRoot(), dir));
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(dir, name)),
  );

  it.each(files)('%s', (file) => {
    const text = frontMatterOf(file);
    if (text === undefined) return;
    expect(parseFrontMatter(text)).toEqual(parseYaml(text));
  });

  it.each([
    'temperature: 0\nmaxOutputTokens: 700 # a comment',
    '# only a comment\ndescription: Policy — no discounts, no data leaks.',
    'temperature: 0.30',
    'temperature: -1',
    'temperature: 1e3',
    'temperature: .5',
    'maxOutputTokens: 0x10',
    'maxOutputTokens: 007',
    'maxOutputTokens: "600"',
    "description: 'quoted'",
    'description: a: b',
    'description: a#b',
    'description: yes',
    'description: true',
    'description: null',
    'description: ~',
    'description: .inf',
    'description:',
    'description: [a, b]',
    'description: >\n  folded text',
    'pass:\n  threshold: 0.8',
    'description: *alias',
    'description: !!str 12',
    'temperature: 0\ntemperature: 1',
  ])('%j', (text) => {
    expect(outcome(() => parseFrontMatter(text))).toEqual(outcome(() => parseYaml(text)));
  });
});
