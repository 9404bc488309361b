import { callModel } from '../model-call.js';
import { ungroundedFigures } from '../grounding.js';
import type { PromptLibrary, RenderedPrompt } from '../prompts/prompt-library.js';
import type { Language } from '../intents/schema.js';
import type { ReplyTaskInput } from '../tasks.js';
import type { AgentAnswer, AgentContext } from './agent.js';

export interface PhrasedAnswer {
  text: string;
  /** Why the draft was kept instead of the model's text, when it was. */
  groundingNote: string | null;
}

/** The reply prompt for one agent's draft (eval's dry run renders it too, to check the files). */
export function renderReplyPrompt(prompts: PromptLibrary, input: ReplyTaskInput): RenderedPrompt {
  return prompts.render('reply', {
    agent_guide: prompts.section(`agents/${input.agent}`, 'Guía'),
    facts: input.facts,
    profile: input.profile,
    message: input.message,
    draft: input.draft,
    language: LANGUAGE_NAME[input.language],
  });
}

/** How the reply prompt names the language to write in. */
const LANGUAGE_NAME: Record<Language, string> = { es: 'español de México', en: 'inglés (English)' };

/**
 * The agent's one model call: the model rewrites the draft in a natural voice. If the result
 * states a figure the tools did not give, comes back empty or is cut off, the draft is used as is.
 */
export async function phraseAnswer(ctx: AgentContext, answer: AgentAnswer): Promise<PhrasedAnswer> {
  // Drafts are Spanish: an English-speaking customer gets every part rewritten, brief ones too.
  if (!answer.phrase && ctx.language === 'es') return { text: answer.draft, groundingNote: null };
  const input: ReplyTaskInput = {
    agent: answer.agent,
    message: ctx.message,
    draft: answer.draft,
    facts: answer.facts,
    profile: ctx.profile,
    language: ctx.language,
  };
  const prompt = renderReplyPrompt(ctx.prompts, input);
  const result = await callModel(ctx, {
    task: 'reply',
    input,
    prompt,
    model: ctx.settings.agentModels[answer.agent],
    temperature: ctx.settings.agentTemperatures[answer.agent],
    maxOutputTokens: ctx.settings.agentMaxOutputTokens[answer.agent],
    parentId: ctx.spanId,
    streamAs: ctx.settings.stream ? answer.agent : undefined,
  });
  const text = result.text.trim();
  // Never send half a sentence: a reply cut off at the token budget (or stopped by a content
  // filter) is not the model's answer.
  if (result.finishReason === 'length')
    return {
      text: answer.draft,
      groundingNote: 'the model reply was cut off at its token limit; kept the draft',
    };
  if (result.finishReason === 'content-filter')
    return {
      text: answer.draft,
      groundingNote: 'the model reply was stopped by a content filter; kept the draft',
    };
  if (!text)
    return { text: answer.draft, groundingNote: 'the model returned an empty reply; kept the draft' };
  // The draft's figures come from the tools: a reply that is the draft needs no check.
  const invented = text === answer.draft.trim() ? [] : ungroundedFigures(text, answer.draft, answer.facts);
  if (invented.length) {
    ctx.logger.warn('ungrounded_reply', {
      trackingId: ctx.trackingId,
      agent: answer.agent,
      figures: invented,
    });
    return {
      text: answer.draft,
      groundingNote: `the model stated ${invented.join(', ')}, which the tools did not give; kept the draft`,
    };
  }
  return { text, groundingNote: null };
}
