import { z } from 'zod';
import type { JudgeUsage } from '../judge/usage.js';

/**
 * What the customer simulator answers each turn (the model's structured output, zod-validated):
 * its next message, or that it is done. Reason first, so a model reasons before it decides.
 */
export const CustomerTurnSchema = z.object({
  reason: z.string().min(1).describe('why the customer goes on, is satisfied, or gives up (one sentence)'),
  status: z
    .enum(['continue', 'goal_reached', 'gave_up'])
    .describe('continue: send `message`; goal_reached / gave_up: the conversation ends'),
  message: z.string().describe('the next WhatsApp message, in character; the goodbye when it ends'),
});
export type CustomerTurn = z.infer<typeof CustomerTurnSchema>;

/** One exchange of a simulated conversation so far. */
export interface Exchange {
  customer: string;
  agent: string;
}

/** The customer model's calls, tokens and cost, counted like a judge's (apart from the agent's). */
export type CustomerUsage = JudgeUsage;

/** The customer's move, or why it could not make one (a model that never answered valid JSON). */
export type CustomerMove =
  { ok: true; turn: CustomerTurn; usage: CustomerUsage } | { ok: false; error: string; usage: CustomerUsage };

/** Plays one persona in one conversation: the model, or the offline script. */
export interface CustomerPlayer {
  readonly runtime: string;
  readonly model: string;
  next(transcript: readonly Exchange[], signal?: AbortSignal): Promise<CustomerMove>;
}
