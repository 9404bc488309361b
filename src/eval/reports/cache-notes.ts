import type { RunResult, TurnOutcome } from '../results/schema.js';
import { usd } from '../terminal/format.js';
import { plural } from './plural.js';

type RunCache = NonNullable<RunResult['cache']>;

/** "Response cache: 14 hits, 2 misses (88%) · $0.0123 saved", for the terminal, summary.md and report.html. */
export function cacheSummaryLine(cache: RunCache): string {
  const calls = cache.hits + cache.misses;
  const share = calls ? ` (${Math.round((cache.hits / calls) * 100)}% from the cache)` : '';
  return `Response cache: ${plural(cache.hits, 'hit')}, ${plural(cache.misses, 'miss', 'misses')}${share} · ${usd(cache.savedUsd)} saved`;
}

/** Which of a turn's answers came from the cache, or null when the model gave them all. */
export function turnCacheNote(turn: TurnOutcome): string | null {
  const calls = (turn.trace?.spans ?? []).filter((span) => span.type === 'model_call');
  const cached = calls.filter((span) => span.cached).length;
  const judged = turn.judgeCachedCalls ?? 0;
  if (cached === 0 && judged === 0) return null;
  const parts = [
    cached ? `${cached} of ${plural(calls.length, 'agent call')}` : null,
    judged ? plural(judged, 'judge call') : null,
  ].filter((part): part is string => part !== null);
  return `from the cache: ${parts.join(', ')}`;
}
