import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GoldenSetError, type GoldenSetIssue } from './errors.js';
import { FILTER_HINT, parseFilter } from './filter.js';
import { parseGoldenFile } from './parse-file.js';
import type { LoadedCase } from './schema.js';

export interface LoadGoldenSetOptions {
  /** Keep only the cases this --filter expression selects (see parseFilter). */
  filter?: string;
}

const FOLDER_HINT =
  'Run from the project root (it has golden-set/), or point the eval at a folder of golden-set .yaml files.';
const isGoldenFile = (name: string): boolean => /\.ya?ml$/i.test(name);

async function goldenFiles(dir: string): Promise<string[]> {
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new GoldenSetError([{ file: dir, path: '', message: 'golden-set folder not found' }], {
      hint: FOLDER_HINT,
    });
  }
  const names = (await readdir(dir)).filter(isGoldenFile).sort();
  if (names.length === 0) {
    throw new GoldenSetError([{ file: dir, path: '', message: 'no .yaml files in this folder' }], {
      hint: FOLDER_HINT,
    });
  }
  return names.map((name) => join(dir, name));
}

function duplicateIds(cases: readonly LoadedCase[]): GoldenSetIssue[] {
  const first = new Map<string, LoadedCase>();
  const issues: GoldenSetIssue[] = [];
  for (const goldenCase of cases) {
    const earlier = first.get(goldenCase.id);
    if (earlier === undefined) {
      first.set(goldenCase.id, goldenCase);
      continue;
    }
    const where = earlier.line === undefined ? earlier.file : `${earlier.file}:${earlier.line}`;
    issues.push({
      file: goldenCase.file,
      line: goldenCase.line,
      caseId: goldenCase.id,
      path: 'id',
      message: `duplicate id: also used in ${where}; ids must be unique across the golden set`,
    });
  }
  return issues;
}

/**
 * Reads every golden-set/*.yaml (sorted by name) and validates it before any model call. Throws a
 * GoldenSetError (exit code 2) listing every problem: file, line, case and field.
 */
export async function loadGoldenSet(dir: string, options: LoadGoldenSetOptions = {}): Promise<LoadedCase[]> {
  const files = await goldenFiles(dir);
  const cases: LoadedCase[] = [];
  const issues: GoldenSetIssue[] = [];
  for (const file of files) {
    const parsed = parseGoldenFile(await readFile(file, 'utf8'), file);
    cases.push(...parsed.cases);
    issues.push(...parsed.issues);
  }
  issues.push(...duplicateIds(cases));
  if (issues.length > 0) throw new GoldenSetError(issues);

  if (options.filter === undefined || options.filter.trim() === '') return cases;
  const selected = cases.filter(parseFilter(options.filter));
  if (selected.length === 0) {
    const tags = [...new Set(cases.flatMap((c) => c.tags))].sort();
    throw new GoldenSetError(
      [
        {
          file: dir,
          path: '',
          message: `--filter "${options.filter}" matches none of the ${cases.length} cases`,
        },
      ],
      {
        summary: 'Nothing to run:',
        hint: `${FILTER_HINT} Tags in this golden set: ${tags.join(', ')}.`,
      },
    );
  }
  return selected;
}
