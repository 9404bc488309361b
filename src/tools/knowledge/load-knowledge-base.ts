import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../../core/errors.js';
import { createBranchLookup, parseBranches } from './branches.js';
import { parseKnowledgeFile, type ParsedSection } from './parse-markdown.js';
import { branchForName, branchNameRuns } from './branch-names.js';
import { createRanker } from './ranker.js';
import { findReturnWindow } from './return-window.js';
import type { KnowledgeBase } from './types.js';

const HINT =
  'Point "knowledge" in kavak.config.json at a folder of .md files (the package ships data/knowledge).';
const DEFAULT_LIMIT = 3;

/** Reads every .md file of `dir` (sorted by name), one section per `##` title. */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new UserInputError(`Knowledge folder not found: ${dir}`, { hint: HINT });
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  const parsed: ParsedSection[] = [];
  for (const file of files) parsed.push(...parseKnowledgeFile(file, await readFile(join(dir, file), 'utf8')));
  if (parsed.length === 0) {
    throw new UserInputError(`No "## " sections in the .md files of ${dir}`, { hint: HINT });
  }
  return buildKnowledgeBase(parsed);
}

export function buildKnowledgeBase(parsed: readonly ParsedSection[]): KnowledgeBase {
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
  const cities = parseBranches(parsed);
  const rank = createRanker(
    sections.map((section) => ({
      item: section,
      fields: [
        { text: section.title, weight: 3 },
        { text: section.keywords.join(' , '), weight: 2 },
        { text: section.body, weight: 1 },
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
    returnWindow: findReturnWindow(sections),
    retrieve: (query, options) => rank(query, options?.limit ?? DEFAULT_LIMIT),
    branchesIn: createBranchLookup(cities),
  };
}
