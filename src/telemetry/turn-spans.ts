import { createHash } from 'node:crypto';
import type { Attributes } from '@opentelemetry/api';
import { redact, redactValue } from '../support/redact.js';
import type { ModelCallSpan, Span, TurnTrace } from '../core/trace/schema.js';
import type { FinishReason } from '../core/ports/language-model.js';

/**
 * One finished turn trace as OpenTelemetry spans, with the GenAI semantic conventions
 * (gen_ai.*) so Langfuse, LangSmith, Arize or a plain collector read them. Pure data: the
 * exporter turns it into SDK spans, and nothing here loads OpenTelemetry.
 */
export interface SpanPlan {
  name: string;
  kind: 'internal' | 'client';
  /** Epoch milliseconds (fractions kept). */
  startMs: number;
  endMs: number;
  attributes: Attributes;
  /** Redacted error message; the span's status is then ERROR. */
  error: string | null;
  children: SpanPlan[];
}

export interface PlanOptions {
  /** Prompts, replies and tool data as attributes (redacted); off unless asked for. */
  captureContent: boolean;
}

/** The longest text inside a content attribute, so one huge prompt cannot bloat every export. */
const MAX_TEXT_CHARS = 32_000;

export function planTurnSpans(trace: TurnTrace, options: PlanOptions): SpanPlan {
  const startMs = Date.parse(trace.startedAt);
  const root: SpanPlan = {
    name: 'invoke_workflow kavak.turn',
    kind: 'internal',
    startMs,
    endMs: startMs + trace.latencyMs,
    attributes: {
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': 'kavak.turn',
      'gen_ai.conversation.id': hashConversationId(trace.conversationId),
      'kavak.tracking_id': trace.trackingId,
      'kavak.intents': trace.intents.map((intent) => intent.type),
      'kavak.language': trace.language,
      'kavak.reply.parts': trace.messages.length,
      'kavak.model_calls': trace.totals.modelCalls,
      // Totals under kavak.*: gen_ai.usage.* stays on the model calls, so backends do not count twice.
      'kavak.usage.input_tokens': trace.totals.inputTokens,
      'kavak.usage.output_tokens': trace.totals.outputTokens,
      ...(trace.totals.costUsd !== null && { 'kavak.cost_usd': trace.totals.costUsd }),
      ...(options.captureContent && {
        'gen_ai.input.messages': content([textMessage('user', trace.message)]),
        'gen_ai.output.messages': content([
          { ...textMessage('assistant', trace.reply), finish_reason: 'stop' },
        ]),
      }),
    },
    error: null,
    children: [],
  };
  const plans = new Map(trace.spans.map((span) => [span.id, planSpan(span, options)]));
  for (const span of trace.spans) {
    const parent = (span.parentId && plans.get(span.parentId)) || root;
    parent.children.push(plans.get(span.id)!);
  }
  for (const plan of plans.values()) plan.children.sort((a, b) => a.startMs - b.startMs);
  root.children.sort((a, b) => a.startMs - b.startMs);
  nestWithin(root);
  return root;
}

/**
 * Trace times are whole-millisecond starts plus latencies, so a span can seem to start before its
 * parent or end after it by a millisecond or two. Backends draw such a child outside its parent:
 * each child is kept inside its parent's interval.
 */
function nestWithin(parent: SpanPlan): void {
  for (const child of parent.children) {
    child.startMs = Math.min(Math.max(child.startMs, parent.startMs), parent.endMs);
    child.endMs = Math.min(Math.max(child.endMs, child.startMs), parent.endMs);
    nestWithin(child);
  }
}

/**
 * Groups a conversation's turns without telling the backend who the customer is: serve's ids
 * come from phone numbers, so even they are hashed again.
 */
export function hashConversationId(conversationId: string): string {
  return createHash('sha256').update(`kavak-conversation:${conversationId}`).digest('hex').slice(0, 32);
}

function planSpan(span: Span, options: PlanOptions): SpanPlan {
  const startMs = Date.parse(span.startedAt);
  const base = {
    startMs,
    endMs: startMs + span.latencyMs,
    error: span.error === null ? null : redact(span.error),
    children: [],
  };
  switch (span.type) {
    case 'model_call':
      return {
        ...base,
        name: `chat ${span.requestModel ?? span.model}`,
        kind: 'client',
        attributes: modelCallAttributes(span, options),
      };
    case 'intents':
      return {
        ...base,
        name: 'kavak.intents',
        kind: 'internal',
        attributes: {
          'kavak.intents': span.intents,
          ...(span.fallback && { 'kavak.intents.fallback_reason': redact(span.fallback.reason) }),
        },
      };
    case 'agent':
      return {
        ...base,
        name: `invoke_agent ${span.agent}`,
        kind: 'internal',
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': span.agent,
          'kavak.intent': span.intent,
          ...(span.groundingNote && { 'kavak.grounding_note': redact(span.groundingNote) }),
          ...(options.captureContent && {
            'gen_ai.output.messages': content([textMessage('assistant', span.reply)]),
          }),
        },
      };
    case 'tool_call':
      return {
        ...base,
        name: `execute_tool ${span.tool}`,
        kind: 'internal',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': span.tool,
          'gen_ai.tool.type': 'function',
          ...(options.captureContent && {
            'gen_ai.tool.call.arguments': content(span.input),
            'gen_ai.tool.call.result': content(span.output),
          }),
        },
      };
  }
}

function modelCallAttributes(span: ModelCallSpan, options: PlanOptions): Attributes {
  const provider = providerName(span.runtime);
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider,
    // The attribute older backends still read for the provider.
    'gen_ai.system': provider,
    'gen_ai.request.model': span.requestModel ?? span.model,
    'gen_ai.response.model': span.model,
    'gen_ai.usage.input_tokens': span.inputTokens,
    'gen_ai.usage.output_tokens': span.outputTokens,
    ...(span.temperature !== undefined && { 'gen_ai.request.temperature': span.temperature }),
    ...(span.maxOutputTokens !== undefined && { 'gen_ai.request.max_tokens': span.maxOutputTokens }),
    ...(span.finishReason && { 'gen_ai.response.finish_reasons': [finishReasonName(span.finishReason)] }),
    ...(span.costUsd !== null && { 'kavak.cost_usd': span.costUsd }),
    'kavak.task': span.task,
    'kavak.runtime': span.runtime,
    'kavak.attempt': span.attempt,
    ...(span.warnings.length > 0 && { 'kavak.warnings': span.warnings.map(redact) }),
    ...(span.error !== null && { 'error.type': 'model_call_failed' }),
    ...(options.captureContent && {
      'gen_ai.input.messages': content(span.messages.map((m) => textMessage(m.role, m.content))),
      'gen_ai.output.messages': content([
        {
          ...textMessage('assistant', span.rawOutput),
          finish_reason: finishReasonName(span.finishReason ?? 'stop'),
        },
      ]),
    }),
  };
}

/** The GenAI provider names: the OpenAI SDK runtime (also against compatible servers) is openai. */
function providerName(runtime: string): string {
  return runtime === 'openai' ? 'openai' : `kavak.${runtime}`;
}

function finishReasonName(reason: FinishReason): string {
  return reason === 'content-filter' ? 'content_filter' : reason;
}

function textMessage(role: string, text: string) {
  return { role, parts: [{ type: 'text', content: text }] };
}

/** Redacted JSON, each text cut at MAX_TEXT_CHARS (the JSON stays valid). */
function content(value: unknown): string {
  return JSON.stringify(capTexts(redactValue(value))) ?? 'null';
}

function capTexts(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > MAX_TEXT_CHARS ? `${value.slice(0, MAX_TEXT_CHARS)}…[truncated]` : value;
  if (Array.isArray(value)) return value.map(capTexts);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, capTexts(inner)]));
  return value;
}
