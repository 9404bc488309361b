import { describeIntentsFallback, intentsFallbackOf } from '../../../core/trace/intents-fallback.js';
import { sumCosts, type CostUsd } from '../../../core/trace/cost.js';
import type { Span } from '../../../core/trace/schema.js';
import type { Comparison } from '../../compare/compare-runs.js';
import type { CaseOutcome, RunResult, TurnOutcome } from '../../results/schema.js';
import type { ScoreResult } from '../../scorers/types.js';
import { hasCriticalFailure } from '../aggregate.js';

/** Long tool payloads and model outputs are cut in the page; results.json keeps them whole. */
export const MAX_TRACE_TEXT = 1_500;
/** Prompts are shown whole (collapsed) up to this size per message: they are what prompt engineers read. */
export const MAX_PROMPT_TEXT = 40_000;

/** What report.html embeds as JSON and its script renders: the run, trimmed for reading. */
export interface ReportData {
  runId: string;
  tags: string[];
  scorers: string[];
  compared: boolean;
  cases: CaseView[];
}

export interface CaseView {
  id: string;
  title: string;
  file: string;
  tags: string[];
  status: CaseOutcome['status'];
  error: string | null;
  score: number;
  latencyMs: number;
  costUsd: CostUsd;
  critical: boolean;
  /** null when not compared with a baseline. */
  change: 'newly-failing' | 'newly-passing' | null;
  /** Scorers that failed on some turn, and those that were skipped, for the scorer filter. */
  failingScorers: string[];
  skippedScorers: string[];
  repeats: CaseOutcome['repeats'];
  turns: TurnView[];
  /** Whole-conversation rubrics and scorers (shown after the last turn); empty when none ran. */
  conversationScores: ScoreResult[];
}

export interface TurnView {
  n: number;
  user: string;
  /** The reply as the WhatsApp messages it was sent in. */
  messages: string[];
  pass: boolean;
  score: number;
  critical: string | null;
  expectedIntents: string[] | null;
  detectedIntents: { type: string; confidence: number }[];
  /** "intents fallback: <reason> …" when the detected intents are the fallback, shown instead of them. */
  intentsFallback: string | null;
  scores: ScoreResult[];
  latencyMs: number;
  agent: { inputTokens: number; outputTokens: number; costUsd: CostUsd };
  judge: { inputTokens: number; outputTokens: number; costUsd: CostUsd };
  spans: SpanView[] | null;
}

export interface SpanView {
  type: Span['type'];
  /** "model_call intents · offline-nlu", "tool searchCatalog", "agent recommender → financing". */
  label: string;
  latencyMs: number;
  error: string | null;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: CostUsd;
  /** Input / output or prompt / raw output, cut to MAX_TRACE_TEXT. */
  details: { name: string; text: string }[];
  /** A model call's rendered messages (system, user, repair turns), each cut to MAX_PROMPT_TEXT. */
  messages?: { role: string; content: string }[];
}

export function buildReportData(run: RunResult, comparison?: Comparison): ReportData {
  const failing = new Set(comparison?.newlyFailing.map((c) => c.id));
  const passing = new Set(comparison?.newlyPassing.map((c) => c.id));
  // Failing cases first (errors, then failures, newly failing ones at the top), in run order
  // within each group: the page opens on what needs a look.
  const rank = (c: CaseOutcome) =>
    (c.status === 'error' ? 0 : c.status === 'failed' ? 2 : 4) + (failing.has(c.id) ? 0 : 1);
  const cases = [...run.cases]
    .sort((a, b) => rank(a) - rank(b))
    .map((c) =>
      caseView(c, failing.has(c.id) ? 'newly-failing' : passing.has(c.id) ? 'newly-passing' : null),
    );
  return {
    runId: run.runId,
    tags: [...new Set(run.cases.flatMap((c) => c.tags))].sort(),
    scorers: [...new Set(run.cases.flatMap((c) => caseScores(c).map((s) => s.scorer)))].sort(),
    compared: comparison !== undefined,
    cases,
  };
}

function caseView(c: CaseOutcome, change: CaseView['change']): CaseView {
  const scores = caseScores(c);
  return {
    id: c.id,
    title: c.title,
    file: c.file,
    tags: c.tags,
    status: c.status,
    error: c.error,
    score: c.score,
    latencyMs: c.latencyMs,
    costUsd: sumCosts(c.turns.flatMap((t) => [t.costUsd, t.judgeCostUsd])),
    critical: hasCriticalFailure(c),
    change,
    failingScorers: unique(scores.filter((s) => !s.pass && !s.skipped).map((s) => s.scorer)),
    skippedScorers: unique(scores.filter((s) => s.skipped).map((s) => s.scorer)),
    repeats: c.repeats,
    turns: c.turns.map(turnView),
    conversationScores: c.conversationScores ?? [],
  };
}

/** Every score of a case: its turns' and its whole conversation's. */
function caseScores(c: CaseOutcome): ScoreResult[] {
  return [...c.turns.flatMap((t) => t.scores), ...(c.conversationScores ?? [])];
}

/** The reply as the WhatsApp messages it was sent in (the reply itself when no trace kept them). */
export function sentMessages(t: TurnOutcome): string[] {
  return t.trace?.messages.length ? t.trace.messages : [t.reply];
}

function turnView(t: TurnOutcome): TurnView {
  return {
    n: t.index + 1,
    user: t.user,
    messages: sentMessages(t),
    pass: t.pass,
    score: t.score,
    critical: t.critical ? (typeof t.critical === 'string' ? t.critical : 'critical turn') : null,
    expectedIntents: t.expect.intents ?? null,
    detectedIntents: t.detectedIntents.map((i) => ({ type: i.type, confidence: i.confidence })),
    intentsFallback: fallbackText(t),
    scores: t.scores,
    latencyMs: t.latencyMs,
    agent: { inputTokens: t.inputTokens, outputTokens: t.outputTokens, costUsd: t.costUsd },
    judge: { inputTokens: t.judgeInputTokens, outputTokens: t.judgeOutputTokens, costUsd: t.judgeCostUsd },
    spans: t.trace ? t.trace.spans.map(spanView) : null,
  };
}

function fallbackText(t: TurnOutcome): string | null {
  const fallback = t.trace ? intentsFallbackOf(t.trace) : null;
  return fallback ? describeIntentsFallback(fallback) : null;
}

function spanView(span: Span): SpanView {
  const base = { type: span.type, latencyMs: span.latencyMs, error: span.error };
  switch (span.type) {
    case 'model_call': {
      return {
        ...base,
        label: `model ${span.task} · ${span.runtime}/${span.model}${span.attempt > 1 ? ` · attempt ${span.attempt}` : ''}${span.cached ? ' · from the cache' : ''}`,
        inputTokens: span.inputTokens,
        outputTokens: span.outputTokens,
        costUsd: span.costUsd,
        messages: span.messages.map((m) => ({ role: m.role, content: cut(m.content, MAX_PROMPT_TEXT) })),
        details: [
          { name: 'raw output', text: cut(span.rawOutput) },
          ...(span.warnings.length ? [{ name: 'warnings', text: span.warnings.join('\n') }] : []),
        ],
      };
    }
    case 'tool_call':
      return {
        ...base,
        label: `tool ${span.tool}`,
        details: [
          { name: 'input', text: json(span.input) },
          { name: 'output', text: json(span.output) },
        ],
      };
    case 'intents':
      return {
        ...base,
        label: `intents → ${span.intents.join(', ') || 'none'}`,
        details: span.fallback ? [{ name: 'fallback', text: describeIntentsFallback(span.fallback) }] : [],
      };
    case 'agent':
      return {
        ...base,
        label: `agent ${span.agent} → ${span.intent}`,
        details: [
          { name: 'draft', text: cut(span.reply) },
          ...(span.groundingNote ? [{ name: 'grounding', text: span.groundingNote }] : []),
        ],
      };
  }
}

function json(value: unknown): string {
  try {
    return cut(JSON.stringify(value, null, 1) ?? 'undefined');
  } catch {
    return String(value);
  }
}

function cut(text: string, max = MAX_TRACE_TEXT): string {
  return text.length > max
    ? `${text.slice(0, max)}… (${text.length - max} more characters in results.json)`
    : text;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
