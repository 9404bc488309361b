import { z } from 'zod';
import { HistoryTurnSchema } from './tasks.js';

/** The task name of a whole-conversation judge call (prompts/judge-conversation.md). */
export const CONVERSATION_JUDGE_TASK = 'judge_conversation';

/**
 * Structural checks a runtime with no model (offline) may run in place of reading a rubric: a
 * conversation rubric names one in its front matter (`offline: visit-agreed`). Without one, the
 * offline runtime cannot judge the rubric and the verdict is skipped.
 */
export const OfflineConversationCheckSchema = z.enum(['visit-agreed', 'budget-kept', 'in-role']);
export type OfflineConversationCheck = z.infer<typeof OfflineConversationCheckSchema>;

/** What a conversation judge call carries: the rubric, the case's stated goal and the transcript. */
export const ConversationJudgeTaskInputSchema = z.object({
  rubric: z.string(),
  rubricHash: z.string(),
  offlineCheck: OfflineConversationCheckSchema.nullable(),
  /** What the customer wanted from the conversation, when the case says so. */
  goal: z.string().nullable(),
  /** Every turn, customer and agent, oldest first. */
  turns: z.array(HistoryTurnSchema),
});
export type ConversationJudgeTaskInput = z.infer<typeof ConversationJudgeTaskInputSchema>;
