import type { ConversationContext } from './context.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';
import type { ExtractedEntities } from './entities.js';

/** Below a sales request read from the words; above a follow-up guessed from the context alone. */
const BOOKING_ANSWER_CONFIDENCE = 0.75;

/**
 * Issue 10, round 3: while a visit is being arranged, a branch, city, day or name given in the
 * message answers the sales agent even when the message also asks something else ("va, en
 * Tlalnepantla. ¿y el X1 de qué año es?"): the booking goes on and the other question is answered
 * too, in the same reply.
 */
export function applyBookingAnswers(
  drafts: Drafts,
  found: ExtractedEntities,
  context: ConversationContext,
  bookingInProgress: boolean,
): void {
  if (!bookingInProgress || drafts.has('sales') || drafts.has('kavak_info') || drafts.has('haggle')) return;
  const { positions } = found;
  const answers = [positions.city, positions.time, positions.name].filter((p): p is number => p !== null);
  const waitingOnSales =
    context.agentTopic === 'sales' || context.offer?.intent === 'sales' || context.asked !== null;
  if (answers.length === 0 || !waitingOnSales) return;
  addDraft(drafts, 'sales', Math.min(...answers), BOOKING_ANSWER_CONFIDENCE);
}
