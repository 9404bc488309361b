import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserInputError } from '../../../support/errors.js';
import { CustomScorerExportSchema, type CustomScorer } from './contract.js';

const JS_EXTENSIONS = new Set(['.js', '.mjs']);
const TS_EXTENSIONS = new Set(['.ts', '.mts']);
const NAME = /^[a-z0-9][a-z0-9-_]*$/;

/** `--scorers <dir>`, else ./scorers when the working directory has one, else none. */
export function resolveScorersDir(flag: string | undefined, cwd: string = process.cwd()): string | undefined {
  if (flag) {
    const dir = resolve(cwd, flag);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UserInputError(`--scorers: no folder at ${dir}.`, {
        hint: 'Pass the folder that holds your scorer files (*.js, *.mjs, *.ts).',
        exitCode: 2,
      });
    }
    return dir;
  }
  const fallback = join(cwd, 'scorers');
  return existsSync(fallback) && statSync(fallback).isDirectory() ? fallback : undefined;
}

/**
 * Imports every scorer file of the folder, sorted by name. A file that cannot load or exports the
 * wrong shape stops the run before any model call (a typo must not pass silently); a scorer that
 * fails while scoring is a scorer error instead (see runCustomScorer).
 */
export async function loadCustomScorers(dir: string | undefined): Promise<CustomScorer[]> {
  if (!dir) return [];
  const files = readdirSync(dir)
    .filter((file) => JS_EXTENSIONS.has(extname(file)) || TS_EXTENSIONS.has(extname(file)))
    .filter((file) => !/\.(test|spec|d)\.[mc]?[jt]s$/.test(file))
    .sort();
  const scorers: CustomScorer[] = [];
  for (const file of files) scorers.push(await loadScorerFile(join(dir, file)));
  return scorers;
}

async function loadScorerFile(path: string): Promise<CustomScorer> {
  const name = basename(path, extname(path));
  if (!NAME.test(name)) {
    throw new UserInputError(
      `${path}: a scorer's file name is its name: lowercase letters, digits, - and _.`,
    );
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await importScorer(path)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`${path} could not be loaded: ${(error as Error).message}`, {
      hint: 'Fix the file (run it with node or tsx to see the error), or move it out of the scorers folder.',
    });
  }
  const candidate = typeof loaded.default === 'object' && loaded.default !== null ? loaded.default : loaded;
  const parsed = CustomScorerExportSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(
      `${path}: export "${issue?.path.join('.') || 'default'}": ${issue?.message ?? 'invalid'}.`,
      {
        hint: "Export { scope: 'turn' | 'conversation', score(params) { return { pass, score, reason } } }, as the default export or as named exports.",
      },
    );
  }
  const { score, scope } = parsed.data;
  return { name, scope, file: path, score: (params) => score(params) };
}

async function importScorer(path: string): Promise<unknown> {
  if (JS_EXTENSIONS.has(extname(path))) return import(pathToFileURL(path).href);
  const tsImport = await findTsImport(path);
  return tsImport(pathToFileURL(path).href, import.meta.url);
}

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;

/** tsx loads TypeScript scorers: kavak's own copy when installed, else the user's project's. */
async function findTsImport(path: string): Promise<TsImport> {
  const candidates = [
    () => import('tsx/esm/api'),
    () =>
      import(pathToFileURL(createRequire(join(process.cwd(), 'package.json')).resolve('tsx/esm/api')).href),
  ];
  for (const load of candidates) {
    try {
      const api = (await load()) as { tsImport?: TsImport };
      if (typeof api.tsImport === 'function') return api.tsImport;
    } catch {
      // Not installed there: try the next place.
    }
  }
  throw new UserInputError(`${path} is TypeScript, and tsx (which loads it) is not installed.`, {
    hint: 'Run npm install -D tsx in your project, or write the scorer as .js / .mjs.',
  });
}
