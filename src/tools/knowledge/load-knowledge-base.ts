import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../../support/errors.js';
import { createBranchLookup, parseBranches } from './branches.js';
import { parseKnowledgeFile, type ParsedSection } from './parse-markdown.js';
import { branchForName, branchNameRuns } from './branch-names.js';
import { createRanker } from './ranker.js';
import { findReturnWindow } from './return-window.js';
import type { WrittenLanguage } from '../text/language.js';
import type { KnowledgeBase, KnowledgeSection } from './types.js';

const HINT =
  'Point "knowledge" in kavak.config.json at a folder of .md files (the package ships data/knowledge).';
const DEFAULT_LIMIT = 3;

/** Languages the knowledge base may be translated into: a subfolder each (data/knowledge/en). */
const TRANSLATIONS = ['en'] as const;

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function readSections(dir: string): Promise<ParsedSection[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  const parsed: ParsedSection[] = [];
  for (const file of files) parsed.push(...parseKnowledgeFile(file, await readFile(join(dir, file), 'utf8')));
  return parsed;
}

/**
 * Reads every .md file of `dir` (sorted by name), one section per `##` title, and the translated
 * twins in its language subfolders (`en/`), when present.
 */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  if (!(await isDirectory(dir)))
    throw new UserInputError(`Knowledge folder not found: ${dir}`, { hint: HINT });
  const parsed = await readSections(dir);
  if (parsed.length === 0) {
    throw new UserInputError(`No "## " sections in the .md files of ${dir}`, { hint: HINT });
  }
  const translations: Partial<Record<WrittenLanguage, ParsedSection[]>> = {};
  for (const language of TRANSLATIONS) {
    const folder = join(dir, language);
    if (await isDirectory(folder)) translations[language] = await readSections(folder);
  }
  return buildKnowledgeBase(parsed, translations);
}

type Translations = Partial<Record<WrittenLanguage, readonly ParsedSection[]>>;

/** Translated sections by language and id; each must translate a section that exists. */
function indexTranslations(
  ids: ReadonlySet<string>,
  translations: Translations,
): Map<WrittenLanguage, Map<string, KnowledgeSection>> {
  const byLanguage = new Map<WrittenLanguage, Map<string, KnowledgeSection>>();
  for (const [language, parsed] of Object.entries(translations) as [WrittenLanguage, ParsedSection[]][]) {
    const twins = new Map<string, KnowledgeSection>();
    for (const { section } of parsed) {
      if (!ids.has(section.id)) {
        throw new UserInputError(
          `The ${language} knowledge section "${section.title}" (${language}/${section.file}) translates no section: there is no id "${section.id}".`,
          { hint: 'Put the id of the section it translates in an <!-- id: … --> line under its ## title.' },
        );
      }
      twins.set(section.id, section);
    }
    byLanguage.set(language, twins);
  }
  return byLanguage;
}

export function buildKnowledgeBase(
  parsed: readonly ParsedSection[],
  translations: Translations = {},
): KnowledgeBase {
  const sections = parsed.map((p) => p.section);
  const seen = new Map<string, string>();
  for (const { id, file } of sections) {
    const other = seen.get(id);
    if (other !== undefined) {
      throw new UserInputError(`Two knowledge sections have the id "${id}" (${other} and ${file}).`, {
        hint: 'Give one of the ## titles different words.',
      });
    }
    seen.set(id, file);
  }
  const twins = indexTranslations(new Set(seen.keys()), translations);
  const cities = parseBranches(parsed);
  const rank = createRanker(
    sections.map((section) => ({
      item: section,
      fields: [
        { text: section.title, weight: 3 },
        { text: section.keywords.join(' , '), weight: 2 },
        { text: section.body, weight: 1 },
        // An English question finds the section through its twin's keywords (titles would add
        // "what", "where"… that every question has).
        ...[...twins.values()].flatMap((byId) => {
          const twin = byId.get(section.id);
          return twin ? [{ text: twin.keywords.join(' , '), weight: 2 }] : [];
        }),
      ],
    })),
  );
  const branches = cities.flatMap((entry) => entry.branches);
  const nameRuns = branchNameRuns(branches.map((b) => b.name));
  return {
    sections: Object.freeze(sections),
    branches: Object.freeze(branches),
    branchNamed: (name) => {
      const found = branchForName(nameRuns, name);
      return branches.find((b) => b.name === found);
    },
    inLanguage: (section, language) => twins.get(language)?.get(section.id) ?? section,
    returnWindow: findReturnWindow(sections),
    retrieve: (query, options) => rank(query, options?.limit ?? DEFAULT_LIMIT),
    branchesIn: createBranchLookup(cities),
  };
}
