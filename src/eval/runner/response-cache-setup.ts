import { resolve } from 'node:path';
import type { KavakConfig } from '../../app/config/schema.js';
import { createResponseCache, type ResponseCache } from '../../runtime/recording/with-response-cache.js';
import type { RunResult } from '../results/schema.js';

/** Where the cache lives when neither --cache-dir nor KAVAK_CACHE_DIR says: under the working folder. */
export const DEFAULT_CACHE_DIR = '.kavak/cache';

export interface CacheFlags {
  /** false with --no-cache. */
  cache: boolean;
  cacheDir?: string;
}

/**
 * The eval's response cache, or undefined when it is off (--no-cache, or KAVAK_NO_CACHE=1).
 * It is on for every run; the runtimes it wraps decide whether they are worth caching.
 */
export function openResponseCache(
  flags: CacheFlags,
  config: Pick<KavakConfig, 'prices'>,
  env: NodeJS.ProcessEnv = process.env,
  onWarning: (message: string) => void = (message) => process.stderr.write(`warning: ${message}\n`),
): ResponseCache | undefined {
  if (!flags.cache || /^(1|true|yes)$/i.test(env.KAVAK_NO_CACHE ?? '')) return undefined;
  const dir = resolve(flags.cacheDir ?? (env.KAVAK_CACHE_DIR?.trim() || DEFAULT_CACHE_DIR));
  return createResponseCache({ dir, prices: config.prices, onWarning });
}

/** results.json's `cache`: absent when the cache was off or had nothing to answer (offline). */
export function cacheReport(cache: ResponseCache | undefined): RunResult['cache'] {
  if (!cache || cache.stats.hits + cache.stats.misses === 0) return undefined;
  return { dir: cache.dir, ...cache.stats };
}
