import { emptyProfile, ProfileSchema, type Profile } from '../../src/core/profile.js';
import type { HistoryTurn } from '../../src/core/tasks.js';
import { extractIntents, type Vocabulary } from '../../src/runtime/offline/nlu/index.js';

/** The part of a Chat Completions request the scripted model reads. */
export interface ChatRequestBody {
  messages?: { role: string; content: unknown }[];
  response_format?: { type?: string; json_schema?: { name?: string } };
  stream?: boolean;
}

export type CallKind = 'intents' | 'reply' | 'judge' | 'other';

export interface ScriptedAnswer {
  kind: CallKind;
  content: string;
}

const text = (content: unknown): string => (typeof content === 'string' ? content : '');

export function callKind(body: ChatRequestBody): CallKind {
  const schema = body.response_format?.json_schema?.name;
  if (schema === 'intents') return 'intents';
  if (schema === 'verdict') return 'judge';
  const user = text(body.messages?.findLast((m) => m.role === 'user')?.content);
  return user.includes('BORRADOR:\n') ? 'reply' : 'other';
}

/** Between a prompt line that starts with `label` and the next blank line + heading or label. */
function sectionAfter(system: string, label: string, end: RegExp): string | undefined {
  const start = system.indexOf(label);
  if (start < 0) return undefined;
  const body = system.slice(system.indexOf('\n', start) + 1);
  const stop = body.search(end);
  return (stop < 0 ? body : body.slice(0, stop)).trim();
}

/** The profile the intents prompt shows (prompts/intents.md, "Perfil conocido del cliente"). */
function profileFrom(system: string): Profile {
  const raw = sectionAfter(system, 'Perfil conocido del cliente', /\n\s*\n/);
  try {
    const parsed = ProfileSchema.safeParse(raw ? JSON.parse(raw) : undefined);
    return parsed.success ? parsed.data : emptyProfile();
  } catch {
    return emptyProfile();
  }
}

/** "Cliente: …" / "Agente: …" lines of the intents prompt; a line without a label continues the turn. */
function historyFrom(system: string): HistoryTurn[] {
  const raw = sectionAfter(system, 'Conversación reciente', /\n\s*\n## /);
  if (!raw || raw === '(sin historial)') return [];
  const turns: HistoryTurn[] = [];
  for (const line of raw.split('\n')) {
    const label = /^(Cliente|Agente): ?(.*)$/.exec(line);
    if (label) turns.push({ role: label[1] === 'Cliente' ? 'customer' : 'agent', text: label[2]! });
    else if (turns.length > 0) turns.at(-1)!.text += `\n${line}`;
  }
  return turns;
}

/**
 * A stand-in model that always answers validly: intents by the offline NLU on the customer's
 * message (the intents prompt's user message) with the history and profile read back from its
 * system prompt; replies repeat the agent's draft (a faithful model); judges always pass.
 */
export function scriptedAnswer(body: ChatRequestBody, vocabulary?: Vocabulary): ScriptedAnswer {
  const kind = callKind(body);
  const messages = body.messages ?? [];
  const system = text(messages.find((m) => m.role === 'system')?.content);
  // The first user message: a repair retry appends another one after the model's answer.
  const user = text(messages.find((m) => m.role === 'user')?.content);
  switch (kind) {
    case 'intents': {
      const result = extractIntents(
        { message: user.trim(), history: historyFrom(system), profile: profileFrom(system) },
        vocabulary,
      );
      return { kind, content: JSON.stringify(result) };
    }
    case 'reply':
      return { kind, content: user.split('BORRADOR:\n')[1] ?? '' };
    case 'judge':
      return {
        kind,
        content: JSON.stringify({ reasoning: 'Cumple la rúbrica (modelo de bench).', pass: true, score: 1 }),
      };
    case 'other':
      return { kind, content: 'ok' };
  }
}
