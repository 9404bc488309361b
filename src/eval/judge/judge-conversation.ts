import type { ModelPrice } from '../../app/config/schema.js';
import {
  CONVERSATION_JUDGE_TASK,
  type ConversationJudgeTaskInput,
} from '../../core/conversation-judge-task.js';
import type { PromptLibrary, RenderedPrompt } from '../../core/prompts/prompt-library.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import type { HistoryTurn } from '../../core/tasks.js';
import { judgeRequest, runJudgeSamples, type JudgeOutcome } from './judge-samples.js';
import type { Rubric } from './rubric.js';

/** What a conversation judge reads: every turn, and what the customer wanted when known. */
export interface ConversationJudgeInput {
  turns: readonly HistoryTurn[];
  goal?: string;
}

export interface JudgeConversationOptions {
  runtime: LanguageModelRuntime;
  prompts: PromptLibrary;
  rubric: Rubric;
  input: ConversationJudgeInput;
  samples?: number;
  threshold?: number;
  prices: Record<string, ModelPrice>;
  signal?: AbortSignal;
}

export function conversationJudgeTaskInput(
  rubric: Rubric,
  input: ConversationJudgeInput,
): ConversationJudgeTaskInput {
  return {
    rubric: rubric.name,
    rubricHash: rubric.hash,
    offlineCheck: rubric.offline ?? null,
    goal: input.goal ?? null,
    turns: input.turns.map(({ role, text }) => ({ role, text })),
  };
}

/** "1. Cliente: …" / "1. Agente: …": a turn is a customer message and the agent's answer to it. */
export function renderTranscript(turns: readonly HistoryTurn[]): string {
  if (turns.length === 0) return '(La conversación está vacía.)';
  let turn = 0;
  return turns
    .map((entry) => {
      if (entry.role === 'customer' || turn === 0) turn += 1;
      return `${turn}. ${entry.role === 'customer' ? 'Cliente' : 'Agente'}: ${entry.text}`;
    })
    .join('\n');
}

/** prompts/judge-conversation.md for one rubric and conversation (the dry runs render it too). */
export function renderConversationJudgePrompt(
  prompts: PromptLibrary,
  rubric: Rubric,
  input: ConversationJudgeInput,
): RenderedPrompt {
  return prompts.render('judge-conversation', {
    rubric_name: rubric.name,
    rubric: rubric.text,
    goal: input.goal ?? '(El caso no dice qué buscaba el cliente.)',
    transcript: renderTranscript(input.turns),
  });
}

/** Runs one conversation rubric on a whole conversation N times and takes the majority. */
export async function judgeConversation(options: JudgeConversationOptions): Promise<JudgeOutcome> {
  const { runtime, rubric, input } = options;
  const prompt = renderConversationJudgePrompt(options.prompts, rubric, input);
  return runJudgeSamples({
    runtime,
    rubric,
    request: judgeRequest(
      rubric,
      prompt,
      { name: CONVERSATION_JUDGE_TASK, input: conversationJudgeTaskInput(rubric, input) },
      options.signal,
    ),
    samples: Math.max(1, options.samples ?? 1),
    threshold: options.threshold ?? rubric.threshold,
    prices: options.prices,
  });
}
