import { z } from 'zod';
import { IntentTypeSchema } from '../core/intents/schema.js';
import type { TurnTrace } from '../core/trace/schema.js';
import { CarSchema, type Car } from '../tools/catalog/types.js';
import { formatMXN } from '../tools/money.js';

export const SAVED_TAG = 'chat-saved';

/**
 * The draft golden-set case /save writes. The eval engineer owns the real schema
 * (src/eval/golden-set/schema.ts); this is the agreed draft shape it adopts.
 */
export const DraftTurnSchema = z.object({
  user: z.string().min(1),
  expect: z.object({
    intents: z.array(IntentTypeSchema).min(1),
    keywords: z.object({ any: z.array(z.string().min(1)).min(1) }).optional(),
    facts: z.boolean(),
  }),
});
export const DraftCaseSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  tags: z.array(z.string()),
  turns: z.array(DraftTurnSchema).min(1),
});
export const DraftGoldenFileSchema = z.object({ cases: z.array(DraftCaseSchema).min(1) });
export type DraftTurn = z.infer<typeof DraftTurnSchema>;
export type DraftCase = z.infer<typeof DraftCaseSchema>;
export type DraftGoldenFile = z.infer<typeof DraftGoldenFileSchema>;

const TITLE_CHARS = 60;

/** A case from a conversation's turns: what was detected and shown becomes the draft expectation. */
export function draftCase(id: string, traces: readonly TurnTrace[]): DraftCase {
  const first = traces[0]?.message ?? id;
  return {
    id,
    title: first.length > TITLE_CHARS ? `${first.slice(0, TITLE_CHARS - 1).trimEnd()}…` : first,
    tags: [SAVED_TAG],
    turns: traces.map(draftTurn),
  };
}

export function draftTurn(trace: TurnTrace): DraftTurn {
  const intents = [...new Set(trace.intents.map((i) => i.type))];
  const keywords = draftKeywords(trace);
  return {
    user: trace.message,
    expect: {
      intents: intents.length ? intents : ['out_of_scope'],
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
