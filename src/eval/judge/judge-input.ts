import { z } from 'zod';
import { HistoryTurnSchema } from '../../core/tasks.js';
import type { AgentSpan, ToolCallSpan, TurnTrace } from '../../core/trace/schema.js';
import type { ScoreParams } from '../scorers/types.js';
import { formatMXN } from '../../tools/money.js';

/** What the judge sees of a turn: the conversation so far, the message, the facts and the reply. */
export const JudgeInputSchema = z.object({
  conversation: z.array(HistoryTurnSchema),
  message: z.string(),
  /** The facts the agents had, as text (the tools' outputs this turn). */
  facts: z.string(),
  reply: z.string(),
});
export type JudgeInput = z.infer<typeof JudgeInputSchema>;

/** Per tool call, so one huge catalog answer cannot crowd the rest out of the prompt. */
const MAX_TOOL_CHARS = 3_000;

export function judgeInputFromTurn(params: ScoreParams): JudgeInput {
  return {
    conversation: params.conversation.map(({ role, text }) => ({ role, text })),
    message: params.trace.message,
    facts: factsFromTrace(params.trace),
    reply: params.reply,
  };
}

/** The tools' inputs and outputs this turn, grouped by the agent that called them. */
export function factsFromTrace(trace: TurnTrace): string {
  const agents = new Map(trace.spans.filter((s): s is AgentSpan => s.type === 'agent').map((s) => [s.id, s]));
  const calls = trace.spans.filter((s): s is ToolCallSpan => s.type === 'tool_call');
  if (calls.length === 0)
    return '(Ninguna herramienta se usó en este turno: la respuesta no tiene datos de catálogo, financiamiento ni de Kavak.)';
  const groups = new Map<string, string[]>();
  for (const call of calls) {
    const agent = call.parentId ? agents.get(call.parentId) : undefined;
    const title = agent ? `Agente ${agent.agent} (intención ${agent.intent})` : 'Herramientas';
    const line = `- ${call.tool}(${compactJson(call.input)}) → ${compactJson(call.output)}`;
    groups.set(title, [...(groups.get(title) ?? []), line]);
  }
  return [...groups.entries()].map(([title, lines]) => `${title}:\n${lines.join('\n')}`).join('\n\n');
}

function compactJson(value: unknown): string {
  const json = JSON.stringify(readable(value)) ?? 'null';
  return json.length <= MAX_TOOL_CHARS ? json : `${json.slice(0, MAX_TOOL_CHARS)}… (recortado)`;
}

/** Money as the reply should say it ("priceCents: 31399900" → "price: $313,999.00"); nulls dropped. */
function readable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readable);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined) continue;
    if (/Cents$/.test(key) && typeof member === 'number') out[key.replace(/Cents$/, '')] = formatMXN(member);
    else out[key] = readable(member);
  }
  return out;
}

/** "Cliente: …" / "Agente: …" lines for the prompt. */
export function renderConversation(conversation: JudgeInput['conversation']): string {
  if (conversation.length === 0) return '(Es el primer mensaje de la conversación.)';
  return conversation
    .map((turn) => `${turn.role === 'customer' ? 'Cliente' : 'Agente'}: ${turn.text}`)
    .join('\n');
}
