import { foldWords } from '../text/normalize.js';

/** Words many branch names share or that name no place by themselves ("Plaza", "Kavak", "Las"). */
const GENERIC = new Set([
  'kavak',
  'plaza',
  'patio',
  'punto',
  'centro',
  'el',
  'la',
  'las',
  'los',
  'de',
  'del',
  'y',
]);

/** One way to say a branch: its whole name, or a part of it no other branch shares. */
export interface BranchNameRun {
  name: string;
  /** Folded words, e.g. "santa fe". */
  words: string;
  /** The whole name: needs no "en / la de …" before it to count in a sentence. */
  full: boolean;
}

/**
 * Every way customers shorten branch names the knowledge base lists — "Santa Fe" for Patio Santa
 * Fe, "Torres" for Las Torres — keeping only parts that point at one branch. Longest first.
 */
export function branchNameRuns(names: readonly string[]): BranchNameRun[] {
  const runsByName = names.map((name) => {
    const words = foldWords(name).split(' ').filter(Boolean);
    const runs = new Set<string>();
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= words.length; end++) {
        const run = words.slice(start, end);
        if (run.some((w) => !GENERIC.has(w))) runs.add(run.join(' '));
      }
    }
    return { name, full: words.join(' '), runs };
  });
  const owners = new Map<string, Set<string>>();
  for (const { name, runs } of runsByName) {
    for (const run of runs) owners.set(run, (owners.get(run) ?? new Set()).add(name));
  }
  return runsByName
    .flatMap(({ name, full, runs }) =>
      [...runs]
        .filter((run) => run === full || owners.get(run)!.size === 1)
        .map((run) => ({ name, words: run, full: run === full })),
    )
    .sort((a, b) => b.words.length - a.words.length);
}

/** The branch a name as written points at ("santa fe", "Explanada", "las torres"), if exactly one. */
export function branchForName(runs: readonly BranchNameRun[], written: string): string | undefined {
  const asked = ` ${foldWords(written)} `;
  return runs.find((run) => asked.includes(` ${run.words} `))?.name;
}
