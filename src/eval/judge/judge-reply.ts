import type { ModelPrice } from '../../app/config/schema.js';
import type { PromptLibrary, RenderedPrompt } from '../../core/prompts/prompt-library.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import { renderConversation, type JudgeInput } from './judge-input.js';
import { judgeRequest, runJudgeSamples, type JudgeOutcome } from './judge-samples.js';
import type { Rubric } from './rubric.js';

export type { JudgeOutcome } from './judge-samples.js';

export interface JudgeReplyOptions {
  runtime: LanguageModelRuntime;
  prompts: PromptLibrary;
  rubric: Rubric;
  input: JudgeInput;
  /** Judge calls to make; the majority decides. Default 1. */
  samples?: number;
  /** Overrides the rubric's pass threshold (a golden-set turn may). */
  threshold?: number;
  prices: Record<string, ModelPrice>;
  signal?: AbortSignal;
}

/** The task input sent with every judge call (what the prompt is rendered from). */
export function judgeTaskInput(rubric: Rubric, input: JudgeInput): Record<string, unknown> {
  return { rubric: rubric.name, rubricHash: rubric.hash, ...input };
}

/** The judge prompt for one rubric and reply (also rendered by the dry runs, to check it). */
export function renderJudgePrompt(prompts: PromptLibrary, rubric: Rubric, input: JudgeInput): RenderedPrompt {
  return prompts.render('judge', {
    rubric_name: rubric.name,
    rubric: rubric.text,
    facts: input.facts,
    conversation: renderConversation(input.conversation),
    message: input.message,
    reply: input.reply,
  });
}

/** Runs one rubric on one reply N times and takes the majority. Never throws for a model failure. */
export async function judgeReply(options: JudgeReplyOptions): Promise<JudgeOutcome> {
  const { runtime, rubric, input } = options;
  const samples = Math.max(1, options.samples ?? 1);
  const threshold = options.threshold ?? rubric.threshold;
  const prompt = renderJudgePrompt(options.prompts, rubric, input);
  const task = { name: 'judge', input: judgeTaskInput(rubric, input) };
  const request = judgeRequest(rubric, prompt, task, options.signal);
  return runJudgeSamples({ runtime, rubric, request, samples, threshold, prices: options.prices });
}
