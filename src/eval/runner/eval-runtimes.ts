import type { KavakConfig } from '../../app/config/schema.js';
import { createRuntime } from '../../app/runtimes.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import { createRateLimiter, withRateLimit, type RateLimiter } from './rate-limit.js';
import { withRetries } from './retries.js';

export interface JudgeFlags {
  judgeRuntime?: KavakConfig['runtime'];
  judgeModel?: string;
  judgeBaseUrl?: string;
}

/**
 * The eval's model calls go through one shared rate limiter and are retried here, not in the
 * SDK: the config given to createRuntime has maxRetries 0 so a retry is never slept twice and
 * every attempt is counted against the requests-per-minute limit.
 */
export function evalConfig(config: KavakConfig): KavakConfig {
  // Eval conversations are throwaway: they never touch the user's conversation database.
  return { ...config, maxRetries: 0, db: ':memory:' };
}

export function createLimiter(rpm: number | undefined): RateLimiter | undefined {
  return rpm === undefined ? undefined : createRateLimiter({ limit: rpm });
}

/** Rate limit below, retries above: each retry waits for its own slot. Offline calls are local and left alone. */
export function decorateRuntime(
  runtime: LanguageModelRuntime,
  settings: { limiter?: RateLimiter; retries: number },
): LanguageModelRuntime {
  if (runtime.id === 'offline') return runtime;
  const limited = settings.limiter ? withRateLimit(runtime, settings.limiter) : runtime;
  return withRetries(limited, { retries: settings.retries });
}

/**
 * The judge's runtime, model and server, set apart from the agent's: flags, then config `judge`,
 * then the agent's (an offline agent gets an offline judge, whose scores are skipped).
 */
export function resolveJudge(
  config: KavakConfig,
  flags: JudgeFlags,
): { runtime: KavakConfig['runtime']; model: string; baseUrl: string | undefined } {
  const runtime = flags.judgeRuntime ?? config.judge.runtime ?? config.runtime;
  const sameAsAgent = runtime === config.runtime;
  const model =
    flags.judgeModel ??
    config.judge.model ??
    (runtime === 'offline' ? 'offline' : sameAsAgent ? config.model : 'gpt-4o-mini');
  const baseUrl = flags.judgeBaseUrl ?? config.judge.baseUrl ?? (sameAsAgent ? config.baseUrl : undefined);
  return { runtime, model, baseUrl };
}

export function createJudgeRuntime(config: KavakConfig, flags: JudgeFlags): LanguageModelRuntime {
  return createRuntime({ ...config, ...resolveJudge(config, flags), maxRetries: 0 });
}
