import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../../app/config/paths.js';
import { UserInputError } from '../../support/errors.js';
import {
  OfflineConversationCheckSchema,
  type OfflineConversationCheck,
} from '../../core/conversation-judge-task.js';

/** judges/ shipped with the package. */
export function defaultJudgesDir(): string {
  return join(packageRoot(), 'judges');
}

export const DEFAULT_PASS_THRESHOLD = 0.7;

/** A rubric file's front matter (judges/*.md). */
export const RubricFrontMatterSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -, like the file name'),
  description: z.string().min(1),
  /** Pins a judge model for this rubric; default: the judge runtime's model. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  /** A sample passes when the judge says pass and its score reaches the threshold. */
  pass: z
    .strictObject({ threshold: z.number().min(0).max(1) })
    .default({ threshold: DEFAULT_PASS_THRESHOLD }),
  /** turn: judges one reply (golden-set turns name it); conversation: judges a whole case. */
  scope: z.enum(['turn', 'conversation']).default('turn'),
  /** Conversation rubrics: the structural check the offline runtime runs in place of a model. */
  offline: OfflineConversationCheckSchema.optional(),
});
export type RubricScope = z.infer<typeof RubricFrontMatterSchema>['scope'];

export interface Rubric {
  name: string;
  description: string;
  model: string | undefined;
  temperature: number;
  threshold: number;
  scope: RubricScope;
  offline: OfflineConversationCheck | undefined;
  /** The rubric text the judge reads (the file's body). */
  text: string;
  /** sha256 of the whole file (front matter + text): part of every cache key and of the report. */
  hash: string;
  path: string;
}

export function parseRubric(path: string, content: string): Rubric {
  const normalised = content.replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(normalised);
  if (!match) {
    throw new UserInputError(`${path}: a rubric starts with YAML front matter between --- lines.`, {
      hint: 'Copy the header of judges/grounded.md: name, description, temperature, pass.threshold.',
    });
  }
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new UserInputError(`${path}: the front matter is not valid YAML (${(error as Error).message}).`);
  }
  const parsed = RubricFrontMatterSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(front matter)';
    throw new UserInputError(`${path}: front matter field "${field}": ${issue?.message ?? 'invalid'}`, {
      hint: 'Fields: name, description, model (optional), temperature, pass: { threshold: 0–1 }, scope: turn | conversation, offline (optional).',
    });
  }
  const fileName = basename(path).replace(/\.md$/, '');
  if (parsed.data.name !== fileName) {
    throw new UserInputError(
      `${path}: front matter field "name" is "${parsed.data.name}" but the file is ${fileName}.md.`,
      {
        hint: 'Golden-set turns refer to rubrics by name: make the name and the file name the same.',
      },
    );
  }
  if (parsed.data.offline && parsed.data.scope !== 'conversation') {
    throw new UserInputError(`${path}: "offline" is for conversation rubrics only.`, {
      hint: 'Add scope: conversation, or remove the offline field.',
    });
  }
  const text = normalised.slice(match[0].length).trim();
  if (text === '')
    throw new UserInputError(`${path}: the rubric text is empty.`, {
      hint: 'Write the criteria below the front matter.',
    });
  return {
    name: parsed.data.name,
    description: parsed.data.description,
    model: parsed.data.model,
    temperature: parsed.data.temperature,
    threshold: parsed.data.pass.threshold,
    scope: parsed.data.scope,
    offline: parsed.data.offline,
    text,
    hash: createHash('sha256').update(normalised).digest('hex'),
    path,
  };
}

/** Every judges/*.md rubric, sorted by name. */
export function loadRubrics(dir: string = defaultJudgesDir()): Rubric[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.md') && !/^readme\.md$/i.test(file));
  } catch {
    throw new UserInputError(`Judges folder not found: ${dir}`, {
      hint: 'Restore judges/ from git or pass the folder that holds the rubrics.',
    });
  }
  if (files.length === 0)
    throw new UserInputError(`No rubric (*.md) in ${dir}.`, { hint: 'Restore judges/ from git.' });
  return files.sort().map((file) => parseRubric(join(dir, file), readFileSync(join(dir, file), 'utf8')));
}

/**
 * Fails, before any model call, when a name refers to no rubric, or to a rubric of the other
 * scope (a turn naming a conversation rubric, or a case naming a per-turn one).
 */
export function assertRubricsExist(
  names: Iterable<string>,
  rubrics: readonly Rubric[],
  scope: RubricScope = 'turn',
): void {
  const inScope = rubrics.filter((rubric) => rubric.scope === scope);
  const known = new Set(inScope.map((rubric) => rubric.name));
  const missing = [...new Set(names)].filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const where = scope === 'turn' ? 'turn expect.judges' : 'case-level judges';
  const wrongScope = missing.filter((name) => rubrics.some((rubric) => rubric.name === name));
  throw new UserInputError(
    `Unknown judge rubric(s): ${missing.join(', ')}. Named in ${where}.` +
      (wrongScope.length > 0
        ? ` ${wrongScope.join(', ')} ${wrongScope.length === 1 ? 'is a' : 'are'} ${scope === 'turn' ? 'conversation' : 'per-turn'} rubric(s).`
        : ''),
    {
      hint:
        scope === 'turn'
          ? `Per-turn rubrics in judges/: ${[...known].join(', ') || 'none'}. Conversation rubrics (scope: conversation) go in the case's own judges list.`
          : `Conversation rubrics in judges/: ${[...known].join(', ') || 'none'}. Per-turn rubrics go in a turn's expect.judges.`,
    },
  );
}
