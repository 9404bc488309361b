import { splitForWhatsApp, WHATSAPP_MAX_CHARS } from '../../channels/whatsapp/split-reply.js';
import { describeUnreadable, findUnreadable } from '../../core/unreadable-text.js';
import type { ScoreParams, ScoreResult } from './types.js';

const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/m;
const HEADER = /^\s{0,3}#{1,6}\s+\S/m;
const DOUBLE_BOLD = /\*\*[^*\n]+\*\*/;

/** What each problem costs: errors sink the score, a warning (markdown **bold**) only dents it. */
const PENALTY = { empty: 1, unreadable: 1, table: 0.5, header: 0.3, bubble: 0.5, doubleBold: 0.1 } as const;

/**
 * WhatsApp format: not empty, no unreadable characters (controls, U+FFFD, …), no markdown tables or headers, no **double bold** (WhatsApp bolds
 * with *single* asterisks: a warning-level failure), and every bubble ≤ 1,600 characters.
 */
export function scoreWhatsapp(params: ScoreParams): ScoreResult {
  const { reply } = params;
  if (reply.trim() === '')
    return { scorer: 'whatsapp', pass: false, score: 0, reason: 'error: the reply is empty' };
  const problems: string[] = [];
  let penalty = 0;
  const flag = (kind: keyof typeof PENALTY, message: string) => {
    penalty += PENALTY[kind];
    problems.push(message);
  };

  const unreadable = findUnreadable(reply);
  if (unreadable.length > 0)
    flag('unreadable', `error: ${describeUnreadable(unreadable)}: WhatsApp shows boxes or nothing`);
  if (TABLE_RULE.test(reply)) flag('table', 'error: markdown table (|---|) does not render on WhatsApp');
  if (HEADER.test(reply)) flag('header', 'error: markdown header (# …) does not render on WhatsApp');
  const bubbles = params.trace.messages.length > 0 ? params.trace.messages : splitForWhatsApp(reply);
  const long = bubbles
    .map((bubble, i) => ({ i, length: bubble.length }))
    .filter((b) => b.length > WHATSAPP_MAX_CHARS);
  if (long.length > 0) {
    flag(
      'bubble',
      `error: message ${long.map((b) => `${b.i + 1} has ${b.length}`).join(', ')} characters (max ${WHATSAPP_MAX_CHARS})`,
    );
  }
  if (DOUBLE_BOLD.test(reply))
    flag('doubleBold', 'warning: **double bold** shows the asterisks on WhatsApp (use *single*)');

  return {
    scorer: 'whatsapp',
    pass: problems.length === 0,
    score: Math.max(0, 1 - penalty),
    reason: problems.length === 0 ? `WhatsApp-ready: ${bubbles.length} message(s)` : problems.join('; '),
  };
}
