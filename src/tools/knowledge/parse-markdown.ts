import { UserInputError } from '../../support/errors.js';
import { fold } from '../text/normalize.js';
import type { KnowledgeSection } from './types.js';

/** A section as parsed, with the city aliases that only branch sections use. */
export interface ParsedSection {
  section: KnowledgeSection;
  aliases: string[];
}

const TITLE = /^##\s+(.+?)\s*$/;
const COMMENT = /<!--[\s\S]*?-->/g;
const LIST_COMMENT = /<!--\s*(keywords|aliases)\s*:([\s\S]*?)-->/g;
/** A translated section names the section it translates: `<!-- id: garantia -->`. */
const ID_COMMENT = /<!--\s*id\s*:\s*([a-z0-9-]+)\s*-->/;

/** "Lo que no sé: te comunico" → "lo-que-no-se-te-comunico". */
export function slug(title: string): string {
  return fold(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * One file's `##` sections. Text before the first `##` is ignored (room for notes to editors).
 * `<!-- keywords: a, b -->` and `<!-- aliases: a, b -->` lines are read, an `<!-- id: … -->` line
 * replaces the id the title would give, then every HTML comment is stripped from the body.
 */
export function parseKnowledgeFile(file: string, markdown: string): ParsedSection[] {
  const parsed: ParsedSection[] = [];
  let current: { title: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) parsed.push(toSection(file, current.title, current.lines.join('\n')));
  };
  for (const line of markdown.split(/\r?\n/)) {
    const title = TITLE.exec(line)?.[1];
    if (title !== undefined) {
      flush();
      current = { title, lines: [] };
    } else {
      current?.lines.push(line);
    }
  }
  flush();
  return parsed;
}

function toSection(file: string, title: string, raw: string): ParsedSection {
  const lists: Record<'keywords' | 'aliases', string[]> = { keywords: [], aliases: [] };
  for (const match of raw.matchAll(LIST_COMMENT)) {
    const kind = match[1] as 'keywords' | 'aliases';
    lists[kind].push(
      ...(match[2] ?? '')
        .split(',')
        .map((word) => word.trim())
        .filter(Boolean),
    );
  }
  const body = raw
    .replace(COMMENT, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (body === '') {
    throw new UserInputError(`Knowledge section "${title}" in ${file} has no text.`, {
      hint: 'Write the section under its ## title, or delete the title.',
    });
  }
  return {
    section: {
      id: ID_COMMENT.exec(raw)?.[1] ?? slug(title),
      title,
      file,
      body,
      keywords: [...lists.keywords, ...lists.aliases],
    },
    aliases: lists.aliases,
  };
}
