import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../support/errors.js';
import {
  ConfigFileSchema,
  DEFAULT_PRICES,
  RuntimeNameSchema,
  type ConfigFile,
  type KavakConfig,
} from './schema.js';
import { DEFAULT_PATHS, packageRoot } from './paths.js';
import { isPostgresUrl } from '../../store/postgres/url.js';
import { mergeConfig } from './merge-config.js';

export const CONFIG_FILE_NAME = 'kavak.config.json';

/** Flags shared by every command; they win over env vars, which win over the file. */
export interface GlobalFlags {
  config?: string;
  runtime?: string;
  model?: string;
  baseUrl?: string;
  db?: string;
  catalog?: string;
  record?: string;
  replay?: string;
  /** Strings as commander gives them; validated here like the env vars. */
  timeoutMs?: string;
  maxRetries?: string;
}

type Env = Record<string, string | undefined>;

/** `overlay` (an eval variant's file, paths already absolute) wins over file, env and flags. */
export function loadConfig(
  flags: GlobalFlags = {},
  env: Env = process.env,
  cwd = process.cwd(),
  overlay?: ConfigFile,
): KavakConfig {
  const { file, path: configFile } = readConfigFile(flags.config, cwd);
  const fromEnv = envOverrides(env);
  const fromFlags = flagOverrides(flags);
  const merged = mergeConfig({ ...file, ...fromEnv, ...fromFlags }, overlay);

  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  const root = packageRoot();
  const fromCwd = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const fromPackage = (p: string | undefined, fallback: string) => (p ? fromCwd(p) : resolve(root, fallback));

  const runtime = merged.runtime ?? (merged.replay ? 'replay' : apiKey ? 'openai' : 'offline');
  if (runtime === 'replay' && !merged.replay) {
    throw new ConfigError('The replay runtime needs a folder of recordings.', {
      hint: 'Pass --replay <dir> (made earlier with --record <dir>).',
    });
  }

  return {
    runtime,
    model: merged.model ?? (runtime === 'offline' ? 'offline' : 'gpt-4o-mini'),
    baseUrl: merged.baseUrl,
    apiKey,
    db: databasePath(merged.db ?? '.kavak/kavak.db', fromCwd),
    catalog: fromPackage(merged.catalog, DEFAULT_PATHS.catalog),
    knowledge: fromPackage(merged.knowledge, DEFAULT_PATHS.knowledge),
    prompts: fromPackage(merged.prompts, DEFAULT_PATHS.prompts),
    record: merged.record ? fromCwd(merged.record) : undefined,
    replay: merged.replay ? fromCwd(merged.replay) : undefined,
    timeoutMs: merged.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: merged.maxRetries ?? DEFAULT_MAX_RETRIES,
    historyTurns: merged.historyTurns ?? 10,
    temperature: merged.temperature ?? 0.3,
    agents: merged.agents ?? {},
    prices: { ...DEFAULT_PRICES, ...merged.prices },
    judge: merged.judge ?? {},
    eval: merged.eval ?? {},
    configFile,
  };
}

/**
 * A file path is resolved from the working folder; SQLite's `:memory:` names no file (resolving
 * it would write a file called `:memory:`), and a postgres:// URL is not a path at all.
 */
function databasePath(db: string, fromCwd: (p: string) => string): string {
  return db === ':memory:' || isPostgresUrl(db) ? db : fromCwd(db);
}

function readConfigFile(explicit: string | undefined, cwd: string): { file: ConfigFile; path?: string } {
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicit)
      throw new ConfigError(`Config file not found: ${path}`, { hint: 'Check the --config path.' });
    return { file: {} };
  }
  return { file: readConfigJson(path, ConfigFileSchema, configHint), path };
}

/** A JSON file validated by `schema`; a bad one is a ConfigError naming the file and each field. */
export function readConfigJson<T>(
  path: string,
  schema: z.ZodType<T>,
  hint: (error: z.ZodError) => string,
): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`, {
      hint: 'Fix the JSON syntax (a trailing comma or a missing quote is the usual cause).',
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`${path}: ${describeIssues(parsed.error)}`, { hint: hint(parsed.error) });
  return parsed.data;
}

function envOverrides(env: Env): ConfigFile {
  const out: ConfigFile = {};
  const runtime = nonEmpty(env.KAVAK_RUNTIME);
  if (runtime) out.runtime = checked('KAVAK_RUNTIME', RuntimeNameSchema, runtime);
  const model = nonEmpty(env.KAVAK_MODEL);
  if (model) out.model = model;
  const baseUrl = nonEmpty(env.OPENAI_BASE_URL);
  if (baseUrl) out.baseUrl = checked('OPENAI_BASE_URL', z.url(), baseUrl);
  const db = nonEmpty(env.KAVAK_DB);
  if (db) out.db = db;
  const timeoutMs = nonEmpty(env.KAVAK_TIMEOUT_MS);
  if (timeoutMs) out.timeoutMs = checked('KAVAK_TIMEOUT_MS', TimeoutMsText, timeoutMs);
  const maxRetries = nonEmpty(env.KAVAK_MAX_RETRIES);
  if (maxRetries) out.maxRetries = checked('KAVAK_MAX_RETRIES', MaxRetriesText, maxRetries);
  return out;
}

/** The file's own rules, applied to text: digits only, so "30s" or "1e3" is refused, not misread. */
const wholeNumberText = (rules: z.ZodNumber, expected: string) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(rules).describe(expected);
const TimeoutMsText = wholeNumberText(
  ConfigFileSchema.shape.timeoutMs.unwrap(),
  'a whole number of milliseconds, at least 1',
);
const MaxRetriesText = wholeNumberText(
  ConfigFileSchema.shape.maxRetries.unwrap(),
  'a whole number from 0 to 10',
);

function flagOverrides(flags: GlobalFlags): ConfigFile {
  const out: ConfigFile = {};
  if (flags.runtime) out.runtime = checked('--runtime', RuntimeNameSchema, flags.runtime);
  if (flags.model) out.model = flags.model;
  if (flags.baseUrl) out.baseUrl = checked('--base-url', z.url(), flags.baseUrl);
  if (flags.db) out.db = flags.db;
  if (flags.catalog) out.catalog = flags.catalog;
  if (flags.record) out.record = flags.record;
  if (flags.replay) out.replay = flags.replay;
  if (flags.timeoutMs !== undefined) out.timeoutMs = checked('--timeout-ms', TimeoutMsText, flags.timeoutMs);
  if (flags.maxRetries !== undefined)
    out.maxRetries = checked('--max-retries', MaxRetriesText, flags.maxRetries);
  return out;
}

function checked<T>(name: string, schema: z.ZodType<T>, value: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const expected =
    schema.description ?? (schema instanceof z.ZodEnum ? undefined : parsed.error.issues[0]?.message);
  const options =
    schema instanceof z.ZodEnum
      ? ` (one of: ${(schema.options as string[]).join(', ')})`
      : expected
        ? ` (expected ${expected})`
        : '';
  throw new ConfigError(`${name} has a bad value "${value}"${options}.`, {
    hint: `Fix ${name} and run again.`,
  });
}

/** Zod issues as one line naming each field (`"agents.cars.model": …`, `unknown key "x"`). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const at = issue.path.length ? `${issue.path.join('.')}.` : '';
        return `unknown key ${issue.keys.map((k) => `"${at}${k}"`).join(', ')}`;
      }
      return `"${issue.path.join('.') || '(root)'}": ${issue.message}`;
    })
    .join('; ');
}

function configHint(error: z.ZodError): string {
  const secret = error.issues.some(
    (i) => i.code === 'unrecognized_keys' && i.keys.some((k) => /key|token|secret/i.test(k)),
  );
  if (secret) return 'Secrets never go in kavak.config.json: set OPENAI_API_KEY in the environment.';
  return `Allowed keys: ${Object.keys(ConfigFileSchema.shape).join(', ')}.`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
