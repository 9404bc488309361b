import { describe, expect, it } from 'vitest';
import type { TurnTrace } from '../core/trace/schema.js';
import { hashConversationId, planTurnSpans } from './turn-spans.js';

const failedCall = {
  type: 'model_call' as const,
  id: 'm1',
  parentId: 'i1',
  startedAt: '2026-12-01T10:00:00.010Z',
  latencyMs: 30,
  error: 'Incorrect API key provided: sk-live-abcdef123456 for +52 55 1234 5678',
  task: 'intents',
  runtime: 'openai',
  model: 'gpt-4o-mini',
  requestModel: 'gpt-4o-mini',
  temperature: 0,
  maxOutputTokens: 900,
  attempt: 1,
  messages: [],
  rawOutput: '',
  finishReason: 'error' as const,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: null,
  warnings: [],
};

const trace: TurnTrace = {
  trackingId: 't_0123456789abcdef',
  conversationId: 'wa_AbCdEfGhIjKlMnOp',
  startedAt: '2026-12-01T10:00:00.000Z',
  latencyMs: 100,
  message: 'hola',
  intents: [],
  language: 'es',
  reply: 'Hola',
  messages: ['Hola'],
  spans: [
    failedCall,
    {
      type: 'intents',
      id: 'i1',
      parentId: null,
      startedAt: '2026-12-01T10:00:00.005Z',
      latencyMs: 40,
      error: null,
      intents: ['out_of_scope'],
      fallback: { reason: 'the model call failed' },
    },
    // A parent the trace does not hold (never expected): the span still lands, under the turn.
    {
      type: 'tool_call',
      id: 't1',
      parentId: 'gone',
      startedAt: '2026-12-01T10:00:00.060Z',
      latencyMs: 1,
      error: null,
      tool: 'catalog.search',
      input: {},
      output: {},
    },
  ],
  totals: { modelCalls: 1, inputTokens: 0, outputTokens: 0, costUsd: null },
};

describe('planTurnSpans', () => {
  const root = planTurnSpans(trace, { captureContent: false });

  it('nests spans by parent id at their recorded times, unknown parents under the turn', () => {
    expect(root.children.map((c) => c.name)).toEqual(['kavak.intents', 'execute_tool catalog.search']);
    const [intents] = root.children;
    expect(intents!.children.map((c) => c.name)).toEqual(['chat gpt-4o-mini']);
    expect(intents!.children[0]!.startMs).toBe(Date.parse('2026-12-01T10:00:00.010Z'));
    expect(intents!.children[0]!.endMs).toBe(Date.parse('2026-12-01T10:00:00.040Z'));
  });

  it('keeps a span that its whole-millisecond times put past its parent inside the parent', () => {
    // The turn starts at .000 and lasts 100 ms; the tool call seems to end at .102.
    const late = structuredClone(trace);
    late.spans[2] = {
      ...late.spans[2]!,
      startedAt: '2026-12-01T10:00:00.099Z',
      latencyMs: 3,
    };
    const planned = planTurnSpans(late, { captureContent: false });
    const tool = planned.children.find((c) => c.name === 'execute_tool catalog.search')!;
    expect(tool.startMs).toBe(Date.parse('2026-12-01T10:00:00.099Z'));
    expect(tool.endMs).toBe(planned.endMs);
  });

  it('marks a failed model call as an error, with keys and phone numbers masked, and no cost when unpriced', () => {
    const call = root.children[0]!.children[0]!;
    expect(call.error).toContain('[secret]');
    expect(call.error).not.toContain('sk-live');
    expect(call.error).not.toContain('1234 5678');
    expect(call.attributes).toMatchObject({
      'error.type': 'model_call_failed',
      'gen_ai.provider.name': 'openai',
    });
    expect(call.attributes).not.toHaveProperty('kavak.cost_usd');
    expect(root.attributes).not.toHaveProperty('kavak.cost_usd');
    expect(root.children[0]!.attributes['kavak.intents.fallback_reason']).toBe('the model call failed');
  });

  it('hashes the conversation id', () => {
    expect(root.attributes['gen_ai.conversation.id']).toBe(hashConversationId(trace.conversationId));
    expect(JSON.stringify(root)).not.toContain(trace.conversationId);
  });
});
