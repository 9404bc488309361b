import { z } from 'zod';
import type { Entities, Intent } from '../core/intents/schema.js';
import { describeIntentsFallback, intentsFallbackOf } from '../core/trace/intents-fallback.js';
import type { AgentSpan, ModelCallSpan, ToolCallSpan, TurnTrace } from '../core/trace/schema.js';
import { NO_PRICE, type CostUsd } from '../core/trace/cost.js';
import { CarSchema, type Car } from '../tools/catalog/types.js';
import { FinancingPlanSchema, FinancingRefusalSchema } from '../tools/financing.js';
import { formatMXN } from '../tools/money.js';

/** A trace as the chat's trace panel shows it: short lines, grouped, no UI code. */
export interface TraceSummary {
  trackingId: string;
  latencyMs: number;
  intents: string[];
  agents: string[];
  tools: string[];
  modelCalls: string[];
  totals: string;
}

export function summarizeTrace(trace: TurnTrace): TraceSummary {
  const spans = trace.spans;
  const fallback = intentsFallbackOf(trace);
  return {
    trackingId: trace.trackingId,
    latencyMs: trace.latencyMs,
    intents: fallback ? [describeIntentsFallback(fallback)] : trace.intents.map(describeIntent),
    agents: spans.filter((s): s is AgentSpan => s.type === 'agent').map(describeAgent),
    tools: spans.filter((s): s is ToolCallSpan => s.type === 'tool_call').map(describeToolCall),
    modelCalls: spans.filter((s): s is ModelCallSpan => s.type === 'model_call').map(describeModelCall),
    totals: `${trace.totals.modelCalls} model call(s) · ${formatTokens(trace.totals.inputTokens + trace.totals.outputTokens)} tokens · ${formatUsd(trace.totals.costUsd)} · ${formatMs(trace.latencyMs)}`,
  };
}

export function describeIntent(intent: Intent): string {
  const entities = describeEntities(intent.entities);
  return `${intent.type} (${intent.confidence.toFixed(2)})${entities ? ` ${entities}` : ''}`;
}

/** Only the entities that were found: null and empty lists are noise in a panel. */
export function describeEntities(entities: Entities): string {
  return Object.entries(entities)
    .flatMap(([key, value]) => {
      if (value === null || value === undefined) return [];
      if (Array.isArray(value)) return value.length ? [`${key}=[${value.join(', ')}]`] : [];
      return [`${key}=${String(value)}`];
    })
    .join(' ');
}

function describeAgent(span: AgentSpan): string {
  const error = span.error ? ` ✗ ${span.error}` : '';
  const note = span.groundingNote ? ` · grounding: ${span.groundingNote}` : '';
  return `${span.agent} ← ${span.intent} · ${formatMs(span.latencyMs)}${error}${note}`;
}

export function describeModelCall(span: ModelCallSpan): string {
  const attempt = span.attempt > 1 ? ` (attempt ${span.attempt})` : '';
  const error = span.error ? ` ✗ ${span.error}` : '';
  const cutOff = span.finishReason === 'length' ? ' · cut off at token limit' : '';
  return `${span.task}${attempt} · ${span.runtime}/${span.model} · ${span.inputTokens}→${span.outputTokens} tok${cutOff} · ${formatUsd(span.costUsd)} · ${formatMs(span.latencyMs)}${error}`;
}

/** One model call's prompt as the runtime received it: every message, role-labelled. */
export interface CallPrompt {
  call: string;
  messages: ModelCallSpan['messages'];
}

/** The rendered messages (system, user, repair turns) of each model call of a turn. */
export function callPrompts(trace: TurnTrace): CallPrompt[] {
  return trace.spans
    .filter((s): s is ModelCallSpan => s.type === 'model_call')
    .map((span) => ({ call: describeModelCall(span), messages: span.messages }));
}

/** The prompts as plain text, for line mode. */
export function formatCallPrompts(prompts: readonly CallPrompt[]): string {
  return prompts
    .map((p) => [`── ${p.call}`, ...p.messages.map((m) => `[${m.role}]\n${m.content}`)].join('\n'))
    .join('\n\n');
}

const SearchOutputSchema = z.object({ cars: z.array(CarSchema), total: z.number() });
const SectionsOutputSchema = z.array(z.object({ id: z.string(), title: z.string() }));
const BranchLookupSchema = z.object({
  city: z.string(),
  hasBranch: z.boolean(),
  branches: z.array(z.object({ name: z.string() })),
});
const BranchesSchema = z.array(z.object({ name: z.string(), city: z.string() }));
const FinancingOutcomeSchema = z.union([
  z.object({ ok: z.literal(true), plan: FinancingPlanSchema }),
  z.object({ ok: z.literal(false), refusal: FinancingRefusalSchema }),
]);

/** What a tool found, in one line: the cars, the financing figures, the knowledge sections. */
export function describeToolCall(span: ToolCallSpan): string {
  const head = `${span.tool} · ${formatMs(span.latencyMs)}`;
  if (span.error) return `${head} ✗ ${span.error}`;
  return `${head} → ${describeToolOutput(span.tool, span.output)}`;
}

function describeToolOutput(tool: string, output: unknown): string {
  switch (tool) {
    case 'catalog.search': {
      const parsed = SearchOutputSchema.safeParse(output);
      if (!parsed.success) break;
      const { cars, total } = parsed.data;
      return cars.length
        ? `${cars.length} of ${total} car(s): ${cars.map(describeCar).join('; ')}`
        : 'no cars found';
    }
    case 'catalog.byStockId': {
      if (output === null) return 'not found';
      const parsed = CarSchema.safeParse(output);
      if (parsed.success) return describeCar(parsed.data);
      break;
    }
    case 'financing.check':
    case 'financing.plan': {
      const outcomes = z.array(FinancingOutcomeSchema).safeParse(Array.isArray(output) ? output : [output]);
      if (!outcomes.success) break;
      return outcomes.data
        .map((o) =>
          o.ok
            ? `${o.plan.termYears} yr: ${formatMXN(o.plan.monthlyPaymentCents)}/mo, down ${formatMXN(o.plan.downPaymentCents)}, total ${formatMXN(o.plan.totalPaidCents)}`
            : `refused (${o.refusal.reason})`,
        )
        .join('; ');
    }
    case 'knowledge.retrieve': {
      const parsed = SectionsOutputSchema.safeParse(output);
      if (!parsed.success) break;
      return parsed.data.length
        ? `sections: ${parsed.data.map((s) => `${s.title} [${s.id}]`).join('; ')}`
        : 'no relevant section';
    }
    case 'knowledge.branchesIn': {
      const parsed = BranchLookupSchema.safeParse(output);
      if (!parsed.success) break;
      const { city, hasBranch, branches } = parsed.data;
      return hasBranch ? `${city}: ${branches.map((b) => b.name).join(', ')}` : `no branch in ${city}`;
    }
    case 'knowledge.branches': {
      const parsed = BranchesSchema.safeParse(output);
      if (parsed.success) return `${parsed.data.length} branch(es)`;
      break;
    }
  }
  return truncate(JSON.stringify(output) ?? 'undefined', 160);
}

function describeCar(car: Car): string {
  return `${car.make} ${car.model} ${car.year} ${formatMXN(car.priceCents)} #${car.stockId}`;
}

export function formatUsd(usd: CostUsd): string {
  if (usd === null) return NO_PRICE;
  return `$${usd.toFixed(usd > 0 && usd < 0.01 ? 5 : 4)}`;
}

export function formatTokens(tokens: number): string {
  return tokens.toLocaleString('en-US');
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
