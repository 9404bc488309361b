import { UserInputError } from '../../support/errors.js';
import type { ParsedSection } from './parse-markdown.js';
import { words } from './text.js';
import type { Branch, BranchLookup } from './types.js';

/**
 * Branch convention in the knowledge files (data/knowledge/sedes.md):
 *
 *   ## Sedes en Puebla                       ← the city is what follows "Sedes en "
 *   <!-- aliases: pue -->                    ← other ways to write it (optional)
 *   - Explanada (9:00 a 18:00, todos los días)   ← a branch with its published hours
 *   - Las Torres                             ← a branch whose hours are not published
 *
 * Every bullet line of such a section is a branch; other text is free prose.
 */
const BRANCH_SECTION = /^Sedes en\s+(.+)$/i;
const BRANCH_LINE = /^[-*]\s+(.+?)(?:\s*\(([^)]+)\))?\s*$/;

export interface CityBranches {
  city: string;
  aliases: string[];
  branches: Branch[];
}

export function parseBranches(parsed: readonly ParsedSection[]): CityBranches[] {
  const cities: CityBranches[] = [];
  for (const { section, aliases } of parsed) {
    const city = BRANCH_SECTION.exec(section.title)?.[1];
    if (city === undefined) continue;
    const branches = section.body
      .split('\n')
      .map((line) => BRANCH_LINE.exec(line.trim()))
      .filter((match) => match !== null)
      .map((match): Branch => ({ name: match[1] ?? '', city, hours: match[2] ?? null }));
    if (branches.length === 0) {
      throw new UserInputError(`"${section.title}" in ${section.file} lists no branch.`, {
        hint: 'Write one bullet line per branch, e.g. "- Explanada (9:00 a 18:00, todos los días)".',
      });
    }
    cities.push({ city, aliases, branches });
  }
  return cities;
}

/**
 * Looks a city up by its name or an alias, ignoring case, accents and punctuation; a longer
 * text that contains one ("Santiago de Querétaro", "Monterrey, N.L.") matches it too.
 */
export function createBranchLookup(cities: readonly CityBranches[]): (city: string) => BranchLookup {
  const keys = cities.flatMap((entry) =>
    [entry.city, ...entry.aliases].map((name) => ({ words: words(name), entry })),
  );
  return (city) => {
    const asked = words(city);
    const match = keys
      .filter((key) => key.words.length > 0 && containsRun(asked, key.words))
      .sort((a, b) => b.words.length - a.words.length)[0];
    if (match) return { hasBranch: true, city: match.entry.city, branches: [...match.entry.branches] };
    return { hasBranch: false, city: capitalise(city), branches: [] };
  };
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((word, i) => haystack[start + i] === word)) return true;
  }
  return false;
}

const LOWERCASE_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e']);

/** "san luis potosí" → "San Luis Potosí", "CIUDAD DEL CARMEN" → "Ciudad del Carmen". */
function capitalise(city: string): string {
  return city
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => {
      const lower = word.toLocaleLowerCase('es-MX');
      if (i > 0 && LOWERCASE_PARTICLES.has(lower)) return lower;
      return lower.charAt(0).toLocaleUpperCase('es-MX') + lower.slice(1);
    })
    .join(' ');
}
