import { z } from 'zod';
import { HistoryTurnSchema } from '../../core/tasks.js';

/**
 * A whole conversation as the conversation scorers see it: every customer message and agent
 * reply in order, and what the customer was after when the case (or persona) says so. Built from
 * a golden-set run, a simulated conversation or replies read off a deployed bot alike.
 */
export const ConversationTranscriptSchema = z.object({
  turns: z.array(HistoryTurnSchema),
  goal: z.string().optional(),
  /** The case it came from, when there is one (custom scorers may look at them). */
  caseId: z.string().optional(),
  tags: z.array(z.string()).default([]),
});
export type ConversationTranscript = z.input<typeof ConversationTranscriptSchema>;

/** The alternating customer/agent turns of a run's turn outcomes. */
export function transcriptTurns(
  turns: readonly { user: string; reply: string }[],
): z.infer<typeof HistoryTurnSchema>[] {
  return turns.flatMap((turn) => [
    { role: 'customer' as const, text: turn.user },
    { role: 'agent' as const, text: turn.reply },
  ]);
}
