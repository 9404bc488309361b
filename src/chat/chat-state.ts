import type { PipelineEvent } from '../core/events.js';
import type { AgentName } from '../core/tasks.js';
import { addCosts, type CostUsd } from '../core/trace/cost.js';
import type { TurnTrace } from '../core/trace/schema.js';
import type { RuntimeChoice } from './session.js';

export type EntryKind = 'customer' | 'agent' | 'notice' | 'error';

/** One line of the conversation log. The log only grows (the screen prints it once). */
export interface ChatEntry {
  id: number;
  kind: EntryKind;
  text: string;
  /** What to do next (errors and hints). */
  hint?: string;
}

/** The turn being answered, as its events arrive. */
export interface PendingTurn {
  message: string;
  /** What the pipeline is doing now, for the spinner. */
  activity: string;
  agents: AgentName[];
  /** Streamed reply text per agent, in the order the agents started writing. */
  streamed: { agent: AgentName; text: string }[];
}

export interface SessionTotals {
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: CostUsd;
}

export interface ChatState {
  conversationId: string;
  runtime: RuntimeChoice;
  entries: ChatEntry[];
  pending: PendingTurn | null;
  lastTrace: TurnTrace | null;
  showTrace: boolean;
  /** The rendered messages of each model call of the last turn; hidden until asked for. */
  showPrompts: boolean;
  totals: SessionTotals;
  /** The last customer message sent, for /retry. */
  lastMessage: string | undefined;
}

export const EMPTY_TOTALS: SessionTotals = { turns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

export function startTurn(message: string): PendingTurn {
  return { message, activity: 'detecting intents', agents: [], streamed: [] };
}

/** Folds one pipeline event into the pending turn; never mutates its input. */
export function applyEvent(pending: PendingTurn, event: PipelineEvent): PendingTurn {
  switch (event.type) {
    case 'turn_start':
      return { ...pending, activity: 'detecting intents' };
    case 'intent_detected':
      return { ...pending, activity: `intents: ${event.intents.map((i) => i.type).join(', ')}` };
    case 'agent_start':
      return {
        ...pending,
        agents: [...pending.agents, event.agent],
        activity: `${event.agent} agent working`,
      };
    case 'span':
      if (event.span.type === 'tool_call') return { ...pending, activity: `tool ${event.span.tool}` };
      if (event.span.type === 'model_call') return { ...pending, activity: `${event.span.task} call done` };
      return pending;
    case 'reply_delta': {
      const index = pending.streamed.findIndex((s) => s.agent === event.agent);
      const streamed =
        index === -1
          ? [...pending.streamed, { agent: event.agent, text: event.text }]
          : pending.streamed.map((s, i) => (i === index ? { ...s, text: s.text + event.text } : s));
      return { ...pending, streamed, activity: `${event.agent} agent writing` };
    }
    case 'turn_end':
      return { ...pending, activity: 'done' };
  }
}

/** The reply as streamed so far (the final reply replaces it: it may differ after grounding). */
export function streamedText(pending: PendingTurn): string {
  return pending.streamed
    .map((s) => s.text.trim())
    .filter(Boolean)
    .join('\n\n');
}

export function addTrace(totals: SessionTotals, trace: TurnTrace): SessionTotals {
  return {
    turns: totals.turns + 1,
    inputTokens: totals.inputTokens + trace.totals.inputTokens,
    outputTokens: totals.outputTokens + trace.totals.outputTokens,
    costUsd: addCosts(totals.costUsd, trace.totals.costUsd),
  };
}
