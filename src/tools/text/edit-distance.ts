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

/**
 * Three rows reused across calls: the NLU compares every word of every message with the car
 * names, and allocating rows per call was most of its cost. Single-threaded, so sharing is safe.
 */
let rows = { beforePrevious: new Int32Array(32), previous: new Int32Array(32), current: new Int32Array(32) };

function rowsFor(length: number) {
  if (rows.previous.length < length) {
    const size = Math.max(length, rows.previous.length * 2);
    rows = {
      beforePrevious: new Int32Array(size),
      previous: new Int32Array(size),
      current: new Int32Array(size),
    };
  }
  return rows;
}

export function editDistance(a: string, b: string, options: EditDistanceOptions = {}): number {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  // Larger than any distance between these strings: "never substitute" without Infinity in an Int32Array.
  const substitutionCost = options.substitution === false ? a.length + b.length + 1 : 1;
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let { beforePrevious, previous, current } = rowsFor(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : substitutionCost;
      let value = previous[j]! + 1;
      const insert = current[j - 1]! + 1;
      if (insert < value) value = insert;
      const replace = previous[j - 1]! + cost;
      if (replace < value) value = replace;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const swap = beforePrevious[j - 2]! + 1;
        if (swap < value) value = swap;
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A swap reaches back two rows, so both must be past the ceiling before stopping.
    if (rowMin > max && previousMin + 1 > max) return max + 1;
    previousMin = rowMin;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length]!, max + 1);
}
