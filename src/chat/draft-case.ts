import { z } from 'zod';
import type { TurnTrace } from '../core/trace/schema.js';
import type { GoldenCase, GoldenTurn } from '../eval/golden-set/schema.js';
import { CarSchema, type Car } from '../tools/catalog/types.js';
import { formatMXN } from '../tools/money.js';

export const SAVED_TAG = 'chat-saved';

const TITLE_CHARS = 60;

/**
 * A golden-set case from a conversation's turns. What was detected and shown becomes a draft
 * expectation (intents, cars and prices the reply named, grounding checks on) for a person to review.
 */
export function draftCase(id: string, traces: readonly TurnTrace[]): GoldenCase {
  const first = traces[0]?.message ?? id;
  return {
    id,
    title: first.length > TITLE_CHARS ? `${first.slice(0, TITLE_CHARS - 1).trimEnd()}…` : first,
    tags: [SAVED_TAG],
    turns: traces.map(draftTurn),
  };
}

export function draftTurn(trace: TurnTrace): GoldenTurn {
  const keywords = draftKeywords(trace);
  return {
    user: trace.message,
    expect: {
      intents: [...new Set(trace.intents.map((i) => i.type))],
      ...(keywords.length ? { keywords: { any: keywords } } : {}),
      facts: true,
    },
  };
}

const SearchOutputSchema = z.object({ cars: z.array(CarSchema) });

/** Car models and prices the tools found that the reply actually states. */
export function draftKeywords(trace: TurnTrace): string[] {
  const cars: Car[] = [];
  for (const span of trace.spans) {
    if (span.type !== 'tool_call') continue;
    if (span.tool === 'catalog.search') {
      const parsed = SearchOutputSchema.safeParse(span.output);
      if (parsed.success) cars.push(...parsed.data.cars);
    } else if (span.tool === 'catalog.byStockId') {
      const parsed = CarSchema.safeParse(span.output);
      if (parsed.success) cars.push(parsed.data);
    }
  }
  const reply = trace.reply.toLowerCase();
  const found = new Set<string>();
  for (const car of cars) {
    if (reply.includes(car.model.toLowerCase())) found.add(car.model);
    const price = formatMXN(car.priceCents);
    if (reply.includes(price.toLowerCase())) found.add(price);
  }
  return [...found];
}
