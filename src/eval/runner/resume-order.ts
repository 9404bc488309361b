import type { GenerateRequest, LanguageModelRuntime } from '../../core/ports/language-model.js';

/**
 * At high -j, model answers arrive in waves: 64 calls sent together come back together, and
 * each answer's continuation (tools, prompts, scoring, the next call) is CPU work on one event
 * loop. In arrival order, the case with the longest chain of calls still to make waits behind
 * 63 others at every stage, and the run's wall time is that case's chain plus all those waits.
 * So answers that are waiting together resume in rank order — a case's position in the run's
 * plan, longest first — one per turn of the event loop: each continuation runs until it sends
 * its next call, new answers are read in between, and the best-ranked waiting case goes next.
 * The case is found by its abort signal, which runCase hands to every call it makes (its own
 * scope, one per case run), so the pipeline between them needs to know nothing of ranks.
 */
const rankBySignal = new WeakMap<AbortSignal, number>();

interface Waiting {
  rank: number;
  order: number;
  resume: () => void;
}

const waiting: Waiting[] = [];
let arrivals = 0;
let draining = false;

/** Calls made with `signal` resume in `rank` order (lower first) against other waiting answers. */
export function rankCalls(signal: AbortSignal, rank: number): void {
  rankBySignal.set(signal, rank);
}

function drainOne(): void {
  let best = 0;
  for (let i = 1; i < waiting.length; i++) {
    const a = waiting[i]!;
    const b = waiting[best]!;
    if (a.rank < b.rank || (a.rank === b.rank && a.order < b.order)) best = i;
  }
  const [next] = waiting.splice(best, 1);
  next?.resume();
  // The next one on the next turn of the loop: this one's continuation (microtasks) runs first,
  // and answers that arrived meanwhile are read and ranked.
  if (waiting.length > 0) setImmediate(drainOne);
  else draining = false;
}

function resumeInTurn(rank: number): Promise<void> {
  return new Promise<void>((resume) => {
    waiting.push({ rank, order: arrivals++, resume });
    if (!draining) {
      draining = true;
      setImmediate(drainOne);
    }
  });
}

/**
 * `runtime` with each answer's return held until its turn among the answers waiting with it.
 * Calls with no rank (no signal, or one runCase did not rank) return at once. A failed call is
 * not held: an error's continuation is short, and a retry should not wait.
 */
export function resumingInRankOrder(runtime: LanguageModelRuntime): LanguageModelRuntime {
  const rankOf = (request: GenerateRequest) =>
    request.signal ? rankBySignal.get(request.signal) : undefined;
  return {
    id: runtime.id,
    model: runtime.model,
    async generate(request) {
      const result = await runtime.generate(request);
      const rank = rankOf(request);
      if (rank !== undefined) await resumeInTurn(rank);
      return result;
    },
    stream: (request) => runtime.stream(request),
  };
}
