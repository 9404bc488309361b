import { randomUUID } from 'node:crypto';
import { sumCosts } from './cost.js';
import type { AgentSpan, IntentsSpan, ModelCallSpan, Span, ToolCallSpan, TurnTotals } from './schema.js';

type Timing = 'id' | 'parentId' | 'startedAt' | 'latencyMs' | 'error';
type SpanData =
  | Omit<ModelCallSpan, Timing>
  | Omit<AgentSpan, Timing>
  | Omit<ToolCallSpan, Timing>
  | Omit<IntentsSpan, Timing>;

/** Collects the spans of one turn. `withSpan` always ends the span and records errors. */
export class Tracer {
  readonly spans: Span[] = [];

  constructor(private readonly onSpan?: (span: Span) => void) {}

  /**
   * Runs `fn` inside a span. `fn` receives the span id (for children) and returns its result
   * plus the span's data, so what a span records is decided where the work happens.
   */
  async withSpan<T>(
    parentId: string | null,
    fn: (spanId: string) => Promise<{ result: T; data: SpanData }>,
    onError: (error: unknown) => SpanData,
  ): Promise<T> {
    const id = randomUUID().slice(0, 8);
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const finish = (data: SpanData, error: string | null) => {
      const span = { ...data, id, parentId, startedAt, latencyMs: round(performance.now() - started), error };
      this.spans.push(span);
      this.onSpan?.(span);
    };
    try {
      const { result, data } = await fn(id);
      finish(data, null);
      return result;
    } catch (error) {
      finish(onError(error), error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Records a span whose work is already done (synchronous tool calls). */
  record(parentId: string | null, data: SpanData, latencyMs: number): void {
    const span = {
      ...data,
      id: randomUUID().slice(0, 8),
      parentId,
      startedAt: new Date().toISOString(),
      latencyMs: round(latencyMs),
      error: null,
    } as Span;
    this.spans.push(span);
    this.onSpan?.(span);
  }

  totals(): TurnTotals {
    const calls = this.spans.filter((s): s is ModelCallSpan => s.type === 'model_call');
    return {
      modelCalls: calls.length,
      inputTokens: calls.reduce((n, s) => n + s.inputTokens, 0),
      outputTokens: calls.reduce((n, s) => n + s.outputTokens, 0),
      costUsd: sumCosts(calls.map((s) => s.costUsd)),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
