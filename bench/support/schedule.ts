/**
 * Makespan of independent jobs on `slots` identical workers, each job started on the first
 * slot to come free. In the given order this is what p-limit does with the eval's plan; sorted
 * longest first it is LPT (Graham), at most 4/3 of the optimum, our "ideal".
 */
export function listMakespan(durations: readonly number[], slots: number): number {
  const free = Array.from({ length: Math.max(1, slots) }, () => 0);
  for (const duration of durations) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[first]!) first = i;
    free[first]! += duration;
  }
  return Math.max(...free);
}

export function lptMakespan(durations: readonly number[], slots: number): number {
  return listMakespan(
    [...durations].sort((a, b) => b - a),
    slots,
  );
}

interface TimedCall {
  start: number;
  end: number;
}

/**
 * The longest chain of model calls that ran one after another (each started after the one
 * before ended; calls that overlap ran in parallel). With every call taking `delayMs`, the
 * turn cannot take less than chain × delay. Starts within delay/2 of an end count as after it.
 */
export function sequentialDepth(calls: readonly TimedCall[], delayMs: number): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  const slack = delayMs / 2;
  sorted.forEach((call, i) => {
    let best = 0;
    for (let k = 0; k < i; k++) if (sorted[k]!.end - slack <= call.start) best = Math.max(best, depth[k]!);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}
