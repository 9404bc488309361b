import { describe, expect, it } from 'vitest';
import { chatFixture, echoDraftScript } from '../../test/chat/chat-fixture.js';
import type { ToolCallSpan } from '../core/trace/schema.js';
import { describeToolCall, summarizeTrace } from './trace-summary.js';

describe('summarizeTrace', () => {
  it('lists intents with entities, agents, the cars a tool found and each model call with tokens and cost', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    await chat.submit('busco un Versa');
    const summary = summarizeTrace(chat.getState().lastTrace!);
    expect(summary.intents).toEqual(['car_recommendation (0.93) make=Nissan model=Versa']);
    expect(summary.agents[0]).toMatch(/^cars ← car_recommendation · \d+ ms$/);
    expect(summary.tools[0]).toMatch(
      /^catalog\.search · \d+ ms → 2 of 2 car\(s\): Nissan Versa 20\d\d \$[\d,]+\.\d\d #\d+; Nissan Versa/,
    );
    expect(summary.modelCalls).toEqual([
      expect.stringMatching(/^intents · scripted\/gpt-4o-mini · 120→30 tok · \$0\.00004 · \d+ ms$/),
      expect.stringMatching(/^reply · scripted\/gpt-4o-mini · 200→80 tok · \$0\.00008 · \d+ ms$/),
    ]);
    expect(summary.totals).toMatch(/^2 model call\(s\) · 430 tokens · \$0\.00011 · /);
    expect(summary.trackingId).toMatch(/^t_/);
  });

  it('shows an intents fallback with its reason instead of a bare out_of_scope (0.00)', async () => {
    // The model answers the intents call and its repair retry with prose: no JSON twice.
    const fx = await chatFixture({
      script: (request, i) =>
        request.task.name === 'intents' ? 'Claro, te ayudo.' : echoDraftScript(request, i),
    });
    const chat = await fx.controller();
    await chat.submit('busco un Versa');
    const summary = summarizeTrace(chat.getState().lastTrace!);
    expect(summary.intents).toEqual(['intents fallback: no es JSON válido (answered as out_of_scope)']);
    expect(summary.modelCalls[1]).toMatch(/^intents \(attempt 2\)/);
  });

  it('shows financing figures, knowledge sections and unknown tools readably', () => {
    const span = (tool: string, output: unknown): ToolCallSpan => ({
      type: 'tool_call',
      tool,
      input: {},
      output,
      id: 's',
      parentId: null,
      startedAt: '',
      latencyMs: 1.2,
      error: null,
    });
    const plan = {
      priceCents: 30_000_000,
      downPaymentCents: 3_000_000,
      financedCents: 27_000_000,
      termYears: 4,
      months: 48,
      annualRate: 0.1,
      monthlyPaymentCents: 684_790,
      totalPaidCents: 35_869_920,
      totalInterestCents: 5_869_920,
    };
    expect(
      describeToolCall(
        span('financing.plan', [
          { ok: true, plan },
          { ok: false, refusal: { reason: 'term_out_of_range', message: 'x' } },
        ]),
      ),
    ).toBe(
      'financing.plan · 1 ms → 4 yr: $6,847.90/mo, down $30,000.00, total $358,699.20; refused (term_out_of_range)',
    );
    expect(
      describeToolCall(span('knowledge.retrieve', [{ id: 'garantia', title: 'Garantía', body: '…' }])),
    ).toBe('knowledge.retrieve · 1 ms → sections: Garantía [garantia]');
    expect(describeToolCall(span('catalog.byStockId', null))).toBe('catalog.byStockId · 1 ms → not found');
    expect(describeToolCall(span('weather', { sunny: true }))).toBe('weather · 1 ms → {"sunny":true}');
  });
});
