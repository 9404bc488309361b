import { describe, expect, it } from 'vitest';
import type { ModelCallSpan, TurnTrace } from '../core/trace/schema.js';
import { addTrace, EMPTY_TOTALS } from './chat-state.js';
import { formatUsd, summarizeTrace } from './trace-summary.js';

const call = (
  task: string,
  costUsd: number | null,
  finishReason: ModelCallSpan['finishReason'],
): ModelCallSpan => ({
  type: 'model_call',
  id: task,
  parentId: null,
  startedAt: '',
  latencyMs: 12,
  error: null,
  task,
  runtime: 'openai',
  model: 'llama3.2',
  attempt: 1,
  messages: [],
  rawOutput: '',
  finishReason,
  inputTokens: 100,
  outputTokens: 600,
  costUsd,
  warnings: [],
});

const trace = (spans: ModelCallSpan[], costUsd: number | null): TurnTrace => ({
  trackingId: 't_1',
  conversationId: 'c_1',
  language: 'es',
  startedAt: '',
  latencyMs: 20,
  message: 'hola',
  intents: [],
  reply: 'hola',
  messages: ['hola'],
  spans,
  totals: { modelCalls: spans.length, inputTokens: 200, outputTokens: 700, costUsd },
});

describe('chat: unpriced models and cut-off calls', () => {
  it('shows "no price" for an unpriced call, turn and session, never $0.0000', () => {
    const unpriced = trace([call('intents', null, 'stop')], null);
    const summary = summarizeTrace(unpriced);
    expect(summary.modelCalls[0]).toContain('· no price ·');
    expect(summary.totals).toContain('· no price ·');
    // The status line prints the session totals: one unpriced turn makes the session's cost unknown.
    const priced = trace([call('intents', 0.001, 'stop')], 0.001);
    const session = addTrace(addTrace(EMPTY_TOTALS, priced), unpriced);
    expect(formatUsd(session.costUsd)).toBe('no price');
    expect(formatUsd(addTrace(EMPTY_TOTALS, priced).costUsd)).toBe('$0.00100');
  });

  it('marks a call cut off at its token limit in the trace view', () => {
    const summary = summarizeTrace(trace([call('reply', 0.0004, 'length')], 0.0004));
    expect(summary.modelCalls[0]).toMatch(/100→600 tok · cut off at token limit · \$0\.00040/);
  });
});
