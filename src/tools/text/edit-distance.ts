/**
 * The one edit distance: optimal string alignment (Damerau–Levenshtein where an adjacent swap
 * counts as one edit and no substring is edited twice).
 */
export interface EditDistanceOptions {
  /** Stop as soon as the distance is known to exceed this; the result is then `max + 1`. */
  max?: number;
  /** false: only insertions, deletions and swaps ("manda" is not "Mazda"). Default true. */
  substitution?: boolean;
}

export function editDistance(a: string, b: string, options: EditDistanceOptions = {}): number {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const substitutionCost = options.substitution === false ? Number.POSITIVE_INFINITY : 1;
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : substitutionCost;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // A swap reaches back two rows, so both must be past the ceiling before stopping.
    if (rowMin > max && previousMin + 1 > max) return max + 1;
    previousMin = rowMin;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}
