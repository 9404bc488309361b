import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../support/errors.js';
import { readConfigJson } from './load-config.js';
import { ConfigFileSchema, type ConfigFile } from './schema.js';

/**
 * Where a variant's prompts come from. Today only a folder; `{ version }` is the place for a
 * prompt version stored in the database (a future console), refused with a clear error until then.
 */
export const PromptsSourceSchema = z.union([
  z.string().min(1),
  z.strictObject({ folder: z.string().min(1) }),
  z.strictObject({ version: z.string().min(1) }),
]);
export type PromptsSource = z.infer<typeof PromptsSourceSchema>;

/** A key a variant may not set, with why: it belongs to the whole run, so variants stay comparable. */
const runWide = (why: string) => z.never({ error: why }).optional();

/**
 * An eval variant's file: kavak.config.json's own schema (strict, same fields and rules), merged
 * over the base config. Prompts may also be given as `{ "folder": … }`. Judges, gates, the
 * catalog and the knowledge base are the run's, not a variant's.
 */
export const ConfigOverlaySchema = ConfigFileSchema.extend({
  prompts: PromptsSourceSchema.optional(),
  judge: runWide(
    'the judges are the same for every variant so their scores compare; set them in the base config or with --judge-*',
  ),
  eval: runWide('gates and limits apply to the whole run; set them in the base config or with flags'),
  db: runWide('eval conversations are kept in memory; a variant has no database'),
  catalog: runWide(
    'every variant is checked against the same catalog; set it in the base config or with --catalog',
  ),
  knowledge: runWide('every variant is checked against the same knowledge base; set it in the base config'),
});
export type ConfigOverlay = z.infer<typeof ConfigOverlaySchema>;

/**
 * Reads and validates an overlay file. Its paths (prompts, record, replay) are relative to the
 * file's folder, so a variant file and its prompts folder move together. Every error names the
 * file and the field.
 */
export function loadConfigOverlay(file: string, cwd = process.cwd()): ConfigFile {
  const path = resolve(cwd, file);
  if (!existsSync(path))
    throw new ConfigError(`Variant file not found: ${path}`, {
      hint: 'Check the path after --variant <name>=.',
    });
  const overlay = readConfigJson(
    path,
    ConfigOverlaySchema,
    () =>
      `A variant file takes kavak.config.json's keys (${Object.keys(ConfigFileSchema.shape).join(', ')}) except judge, eval, db, catalog and knowledge.`,
  );
  const here = (p: string) => (isAbsolute(p) ? p : resolve(dirname(path), p));
  const {
    prompts,
    judge: _judge,
    eval: _eval,
    db: _db,
    catalog: _catalog,
    knowledge: _knowledge,
    ...rest
  } = overlay;
  const out: ConfigFile = { ...rest };
  if (prompts !== undefined) out.prompts = promptsFolder(prompts, path, here);
  if (rest.record) out.record = here(rest.record);
  if (rest.replay) out.replay = here(rest.replay);
  return out;
}

function promptsFolder(source: PromptsSource, file: string, here: (p: string) => string): string {
  if (typeof source === 'object' && 'version' in source) {
    throw new ConfigError(
      `${file}: "prompts.version": stored prompt versions are not available yet (asked for "${source.version}").`,
      { hint: 'Give a prompts folder instead: "prompts": "./my-prompts" or { "folder": "./my-prompts" }.' },
    );
  }
  const folder = here(typeof source === 'string' ? source : source.folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    const field = typeof source === 'string' ? 'prompts' : 'prompts.folder';
    throw new ConfigError(`${file}: "${field}": no prompts folder at ${folder}.`, {
      hint: 'Paths in a variant file are relative to the file; copy prompts/ there or fix the path.',
    });
  }
  return folder;
}
