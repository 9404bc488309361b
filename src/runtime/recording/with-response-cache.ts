import { chunkText } from '../chunk-text.js';
import { addCosts, estimateCostUsd, type CostUsd } from '../../core/trace/cost.js';
import type { ModelPrice } from '../../core/trace/model-price.js';
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
  RuntimeId,
  StreamPart,
} from '../../core/ports/language-model.js';
import { identifyCall, type CallEndpoint, type CallIdentity } from './recording-key.js';
import { lookUpAnswer, storeAnswer } from './response-store.js';

/** Runtimes worth caching: they cost money and time. Offline and replay are free and deterministic. */
const CACHED_RUNTIMES: readonly RuntimeId[] = ['openai'];

export interface CacheStats {
  /** Calls answered from the cache. */
  hits: number;
  /** Calls that went to the model. */
  misses: number;
  /** What the hits would have cost, priced by the configured model; null when one has no price. */
  savedUsd: CostUsd;
}

export interface ResponseCache {
  readonly dir: string;
  /** Live counts over every runtime this cache wraps. */
  readonly stats: CacheStats;
  /** `runtime` answering from the cache first; runtimes not worth caching come back unchanged. */
  wrap(runtime: LanguageModelRuntime, server?: Pick<CallEndpoint, 'baseUrl'>): LanguageModelRuntime;
}

export interface ResponseCacheSettings {
  dir: string;
  prices: Record<string, ModelPrice>;
  /** A cache file that cannot be read or written: said, then the call goes on as a miss. */
  onWarning: (message: string) => void;
}

/**
 * The eval's response cache, on the same store as --record/--replay. Only complete answers
 * (finish reason stop) are kept: a cut-off or failed answer is never served again.
 */
export function createResponseCache(settings: ResponseCacheSettings): ResponseCache {
  const stats: CacheStats = { hits: 0, misses: 0, savedUsd: 0 };
  const warn = (doing: string, error: unknown) =>
    settings.onWarning(
      `response cache: ${doing} failed (${error instanceof Error ? error.message : String(error)}); the model answers instead.`,
    );

  async function lookUp(call: CallIdentity, configuredModel: string): Promise<GenerateResult | undefined> {
    const { recording } = await lookUpAnswer(settings.dir, call, {
      onUnreadable: (error) => warn('reading a cache file', error),
    });
    if (recording?.result.finishReason !== 'stop') {
      stats.misses += 1;
      return undefined;
    }
    stats.hits += 1;
    const saved = estimateCostUsd(configuredModel, recording.result.usage, settings.prices).costUsd;
    stats.savedUsd = addCosts(stats.savedUsd, saved);
    // Read from its file for this call: no other caller holds this object.
    return { ...recording.result, cached: true };
  }

  // A folder that cannot be written fails every write alike: said once, not once per call.
  let writeFailed = false;
  async function keep(call: CallIdentity, result: GenerateResult): Promise<void> {
    if (result.finishReason !== 'stop') return;
    await storeAnswer(settings.dir, call, result).catch((error: unknown) => {
      if (!writeFailed) warn(`writing to ${settings.dir}`, error);
      writeFailed = true;
    });
  }

  function wrap(
    inner: LanguageModelRuntime,
    server: Pick<CallEndpoint, 'baseUrl'> = {},
  ): LanguageModelRuntime {
    if (!CACHED_RUNTIMES.includes(inner.id)) return inner;
    const endpoint: CallEndpoint = { runtime: inner.id, model: inner.model, baseUrl: server.baseUrl };

    async function generate(request: GenerateRequest): Promise<GenerateResult> {
      const call = identifyCall(request, endpoint);
      const hit = await lookUp(call, call.model);
      if (hit) return hit;
      const result = await inner.generate(request);
      await keep(call, result);
      return result;
    }

    async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      const call = identifyCall(request, endpoint);
      const hit = await lookUp(call, call.model);
      if (hit) {
        for (const text of chunkText(hit.text)) yield { type: 'text-delta', text };
        yield { type: 'finish', result: hit };
        return;
      }
      for await (const part of inner.stream(request)) {
        if (part.type === 'finish') await keep(call, part.result);
        yield part;
      }
    }

    return { id: inner.id, model: inner.model, generate, stream };
  }

  return { dir: settings.dir, stats, wrap };
}
