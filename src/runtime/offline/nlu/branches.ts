import type { BranchNameRun } from '../../../tools/knowledge/index.js';
import { branchNameRuns } from '../../../tools/knowledge/index.js';
import { foldWords } from '../../../tools/text/normalize.js';
import type { Span } from '../../../tools/text/span.js';
import type { Vocabulary } from './vocabulary.js';

/** The knowledge base's branches, with the shortened names customers use for each. */
export interface BranchIndex {
  runs: readonly { run: BranchNameRun; pattern: RegExp }[];
  cityOf: ReadonlyMap<string, string>;
}

/** A part of a name ("santa fe", "torres") is a branch only where a place is said: "en la de santa fe". */
const PLACE_BEFORE =
  /\b(?:en|a|al|hasta|sede|sucursal|agencia|tienda|kavak|(?:la|el)\s+de)\s+(?:(?:la|el|las|los)\s+)?$/;

const indexes = new WeakMap<Vocabulary, BranchIndex>();
const EMPTY: BranchIndex = { runs: [], cityOf: new Map() };

export function branchIndexFor(vocabulary: Vocabulary | undefined): BranchIndex {
  if (!vocabulary?.branches?.length) return EMPTY;
  let index = indexes.get(vocabulary);
  if (!index) {
    const { branches } = vocabulary;
    index = {
      // "Vivo en Querétaro" names the city, not the branch "Kavak Querétaro": a visit may be at home.
      runs: branchNameRuns(branches.map((b) => b.name))
        .filter((run) => run.full || !branches.some((b) => foldWords(b.city).includes(run.words)))
        .map((run) => ({
          run,
          pattern: new RegExp(String.raw`\b${run.words.replace(/ /g, String.raw`\s+`)}\b`, 'g'),
        })),
      cityOf: new Map(branches.map((b) => [b.name, b.city])),
    };
    indexes.set(vocabulary, index);
  }
  return index;
}

export interface BranchMention extends Span {
  branch: string;
  city: string;
}

/** The first branch named in normalised text: its whole name anywhere, a part of it after "en / la de". */
export function findBranch(text: string, index: BranchIndex): BranchMention | null {
  let best: BranchMention | null = null;
  for (const { run, pattern } of index.runs) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (!run.full && !PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      const found = {
        branch: run.name,
        city: index.cityOf.get(run.name)!,
        start: m.index,
        end: m.index + m[0].length,
      };
      if (!best || found.start < best.start) best = found;
      break;
    }
  }
  return best;
}
