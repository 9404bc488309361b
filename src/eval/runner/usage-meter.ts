import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelPrice } from '../../core/config/schema.js';
import { estimateCostUsd } from '../../core/trace/cost.js';
import type { GenerateRequest, GenerateResult, LanguageModelRuntime, StreamPart } from '../../runtime/types.js';

export interface MeteredUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export function emptyUsage(): MeteredUsage {
  return { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

export interface UsageMeter {
  /** The runtime to hand to whatever makes the calls (the judge scorer). */
  runtime: LanguageModelRuntime;
  /** Runs `fn` and returns the usage of every call made through `runtime` inside it. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; usage: MeteredUsage }>;
  /** Usage of every call so far, measured or not. */
  total(): MeteredUsage;
}

/**
 * Counts tokens and cost of the calls a runtime makes, attributed to the turn being scored.
 * Turns of many cases are scored at once through one judge runtime, so the attribution rides on
 * AsyncLocalStorage instead of on the scorer's API.
 */
export function createUsageMeter(inner: LanguageModelRuntime, prices: Record<string, ModelPrice>): UsageMeter {
  const current = new AsyncLocalStorage<MeteredUsage>();
  const overall = emptyUsage();

  const count = (result: GenerateResult) => {
    const { costUsd } = estimateCostUsd(result.model || inner.model, result.usage, prices);
    for (const usage of [overall, current.getStore()]) {
      if (!usage) continue;
      usage.calls += 1;
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      usage.costUsd += costUsd;
    }
  };

  const runtime: LanguageModelRuntime = {
    id: inner.id,
    model: inner.model,
    async generate(request: GenerateRequest) {
      const result = await inner.generate(request);
      count(result);
      return result;
    },
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      for await (const part of inner.stream(request)) {
        if (part.type === 'finish') count(part.result);
        yield part;
      }
    },
  };

  return {
    runtime,
    async measure(fn) {
      const usage = emptyUsage();
      const result = await current.run(usage, fn);
      return { result, usage };
    },
    total: () => ({ ...overall }),
  };
}
