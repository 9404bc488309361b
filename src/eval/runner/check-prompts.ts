import { renderReplyPrompt } from '../../core/agents/phrase.js';
import { KavakError, UserInputError } from '../../support/errors.js';
import { renderIntentsPrompt } from '../../core/intents/detect-intents.js';
import { repairMessage } from '../../core/model-call.js';
import type { Profile } from '../../core/profile.js';
import { PromptLibrary } from '../../core/prompts/prompt-library.js';
import { AgentNameSchema, type HistoryTurn } from '../../core/tasks.js';
import type { LoadedCase } from '../golden-set/schema.js';
import { defaultJudgePrompts } from '../judge/create-judge-scorer.js';
import { renderConversationJudgePrompt } from '../judge/judge-conversation.js';
import { renderJudgePrompt } from '../judge/judge-reply.js';
import type { Rubric } from '../judge/rubric.js';
import { startingProfile } from './seed-profile.js';

/** Stand-ins for what only a model or the tools produce; the prompt's placeholders are what is checked. */
const SAMPLE = {
  draft: '(borrador de prueba)',
  reply: '(respuesta de prueba)',
  facts: '(datos de prueba)',
  error: '(error de prueba)',
};

/**
 * Renders every prompt a run would send (intents per turn, reply for every agent, judge per
 * rubric a turn names) with each case's messages, history and starting profile, calling no model.
 * A bad placeholder, a missing section or a missing file fails here, naming the file, the
 * placeholder and the case, instead of failing every case of the real run.
 */
export function checkPrompts(input: {
  cases: readonly LoadedCase[];
  promptsDir: string;
  rubrics: readonly Rubric[];
  /** --rescore: only the judges are called, so only their prompt is checked. */
  judgeOnly?: boolean;
}): number {
  const prompts = new PromptLibrary(input.promptsDir);
  const judgePrompts = defaultJudgePrompts();
  const rubrics = new Map(input.rubrics.map((rubric) => [rubric.name, rubric]));
  let rendered = 0;
  for (const goldenCase of input.cases) {
    const profile = startingProfile(goldenCase.profile);
    const history: HistoryTurn[] = [];
    for (const [index, turn] of goldenCase.turns.entries()) {
      const where = `case "${goldenCase.id}" turn ${index + 1}`;
      inCase(where, () => {
        if (!input.judgeOnly) rendered += renderAgentPrompts(prompts, turn.user, history, profile);
        for (const expectation of turn.expect.judges ?? []) {
          const rubric = rubrics.get(typeof expectation === 'string' ? expectation : expectation.name);
          if (!rubric) continue; // loadEvalInputs has already named unknown rubrics
          renderJudgePrompt(judgePrompts, rubric, {
            conversation: history,
            message: turn.user,
            facts: SAMPLE.facts,
            reply: SAMPLE.reply,
          });
          rendered += 1;
        }
      });
      history.push({ role: 'customer', text: turn.user }, { role: 'agent', text: SAMPLE.reply });
    }
    inCase(`case "${goldenCase.id}" (conversation judges)`, () => {
      for (const expectation of goldenCase.judges ?? []) {
        const rubric = rubrics.get(typeof expectation === 'string' ? expectation : expectation.name);
        if (!rubric) continue;
        renderConversationJudgePrompt(judgePrompts, rubric, { turns: history, goal: goldenCase.goal });
        rendered += 1;
      }
    });
  }
  return rendered;
}

/** The intents prompt and every agent's reply prompt, as the pipeline renders them. */
function renderAgentPrompts(
  prompts: PromptLibrary,
  message: string,
  history: HistoryTurn[],
  profile: Profile,
): number {
  renderIntentsPrompt(prompts, { message, history, profile });
  repairMessage(prompts, { error: SAMPLE.error, cutOff: false });
  repairMessage(prompts, { error: SAMPLE.error, cutOff: true });
  for (const agent of AgentNameSchema.options) {
    renderReplyPrompt(prompts, { agent, message, draft: SAMPLE.draft, facts: {}, profile, language: 'es' });
  }
  return 1 + AgentNameSchema.options.length;
}

function inCase(where: string, render: () => void): void {
  try {
    render();
  } catch (error) {
    if (!KavakError.is(error)) throw error;
    throw new UserInputError(`${error.message} (rendering the prompts for ${where})`, {
      hint: error.hint,
      cause: error,
    });
  }
}
