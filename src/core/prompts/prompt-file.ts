import { z } from 'zod';
import { editDistance } from '../../tools/text/edit-distance.js';
import { UserInputError } from '../../support/errors.js';
import { parseFrontMatter } from './front-matter.js';

/** Sections every prompt file is built from; `Entrada` becomes the user message. */
export const SYSTEM_SECTIONS = ['Objetivo', 'Contexto', 'Formato', 'Advertencias'] as const;
export const INPUT_SECTION = 'Entrada';

const FrontMatterSchema = z
  .object({
    description: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    /** The most the model may write for this task: sized to what the task must produce. */
    maxOutputTokens: z.number().int().positive().optional(),
  })
  .loose();

export interface PromptFile {
  name: string;
  path: string;
  frontMatter: z.infer<typeof FrontMatterSchema>;
  /** Section title → text, in file order. */
  sections: Map<string, string>;
}

export function parsePromptFile(name: string, path: string, text: string): PromptFile {
  let body = text.replace(/\r\n/g, '\n');
  let frontMatter: PromptFile['frontMatter'] = {};
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (fm) {
    const parsed = FrontMatterSchema.safeParse(parseFrontMatter(fm[1] ?? ''));
    if (!parsed.success) {
      throw new UserInputError(`${path}: bad front matter: ${parsed.error.issues[0]?.message ?? 'invalid'}`, {
        hint: 'Front matter takes description, temperature and maxOutputTokens (a whole number of tokens).',
      });
    }
    frontMatter = parsed.data;
    body = body.slice(fm[0].length);
  }
  const sections = new Map<string, string>();
  const parts = body.split(/^## +/m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const title = (newline < 0 ? part : part.slice(0, newline)).trim();
    sections.set(title, newline < 0 ? '' : part.slice(newline + 1).trim());
  }
  return { name, path, frontMatter, sections };
}

/**
 * A {{placeholder}} the code gives no value for: a typo or a stale name in the prompt file, never
 * a runtime problem. Names the file and the placeholder so the fix is one edit.
 */
export class PromptPlaceholderError extends UserInputError {
  constructor(
    readonly file: string,
    readonly placeholder: string,
    available: readonly string[],
  ) {
    const near = available.find((name) => editDistance(name, placeholder, { max: 2 }) <= 2);
    super(`${file}: the placeholder {{${placeholder}}} has no value.`, {
      hint:
        `Fix the prompt file${near ? ` (did you mean {{${near}}}?)` : ''}; this prompt takes ` +
        `${available.map((name) => `{{${name}}}`).join(', ')}. \`kavak eval --dry-run\` renders every prompt.`,
    });
  }
}

/**
 * Fills {{name}} placeholders. Objects are written as compact JSON. A placeholder with no
 * value is an error naming the prompt file, so a typo in a prompt fails loudly, not silently.
 */
export function fillTemplate(template: string, vars: Record<string, unknown>, where: string): string {
  // Most sections have no placeholder: skip the regex pass and the copy over their kilobytes.
  if (!template.includes('{{')) return template;
  return template.replace(/\{\{\s*([a-zA-Z_][\w]*)\s*\}\}/g, (_match, key: string) => {
    if (!(key in vars)) throw new PromptPlaceholderError(where, key, Object.keys(vars));
    const value = vars[key];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
