import type { ToolCallSpan, TurnTrace } from '../../core/trace/schema.js';
import { FINANCING_RULES } from '../../tools/financing.js';
import { GroundedFigures } from '../../tools/text/grounded-figures.js';
import { customerAmounts, moneyFigures } from '../../tools/text/money-figures.js';

export function toolCalls(trace: TurnTrace): ToolCallSpan[] {
  return trace.spans.filter((span): span is ToolCallSpan => span.type === 'tool_call');
}

/** Keys whose numbers are money: "*Cents" are cents, the others pesos (priceMax, budget …). */
const MONEY_KEY = /price|amount|payment|down|financed|total|interest|budget|monthly|target|cost|enganche/i;

/**
 * Every money amount (in cents) this turn's tools were given or returned, plus the amounts the
 * customer wrote: the figures a grounded reply may state.
 */
export function groundedAmounts(trace: TurnTrace, customerTexts: readonly string[]): Set<number> {
  const amounts = new Set<number>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (/cents$/i.test(key)) amounts.add(Math.round(value));
      else if (MONEY_KEY.test(key)) amounts.add(Math.round(value * 100));
    } else if (typeof value === 'string') {
      for (const figure of moneyFigures(value)) amounts.add(figure.cents);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) walk(child, childKey);
    }
  };
  for (const call of toolCalls(trace)) {
    walk(call.input, '');
    walk(call.output, '');
  }
  for (const text of customerTexts) for (const cents of customerAmounts(text)) amounts.add(cents);
  return amounts;
}

/**
 * Every figure (percentages and terms included) this turn's tools were given or returned, the
 * financing rules the tool applies (10% a year, 3–6 years, ≥ 10% down), and what the customer wrote.
 */
export function groundedFigures(trace: TurnTrace, customerTexts: readonly string[]): GroundedFigures {
  const grounded = new GroundedFigures().addTexts(customerTexts).addValues(FINANCING_RULES);
  for (const call of toolCalls(trace)) grounded.addValues(call.input).addValues(call.output);
  return grounded;
}

/** The last value a financing tool was called with for a key (priceCents, downPaymentCents, termYears). */
export function financingInput(
  trace: TurnTrace,
  key: 'priceCents' | 'downPaymentCents' | 'termYears',
): number | undefined {
  let found: number | undefined;
  for (const call of toolCalls(trace)) {
    if (!call.tool.startsWith('financing') || typeof call.input !== 'object' || call.input === null) continue;
    const value = (call.input as Record<string, unknown>)[key];
    if (typeof value === 'number') found = value;
  }
  return found;
}
