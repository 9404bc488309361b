import type {
  ConversationJudgeTaskInput,
  OfflineConversationCheck,
} from '../../../core/conversation-judge-task.js';
import { ProfileSchema } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { foldWords } from '../../../tools/text/normalize.js';
import { extractIntents, type Vocabulary } from '../nlu/index.js';
import { budgetKept } from './budget-kept.js';
import { verdict, type Exchange, type OfflineVerdict } from './exchange.js';

export type { OfflineVerdict } from './exchange.js';

type ConversationCheck = (exchanges: readonly Exchange[]) => OfflineVerdict;

/**
 * Deterministic conversation verdicts from the conversation's structure: what the offline NLU
 * reads in the customer's messages (a visit asked for and when, a budget) and the figures and
 * form of the agent's replies. A record, so a new check without its handler does not compile.
 */
const CHECKS: Record<OfflineConversationCheck, ConversationCheck> = {
  'visit-agreed': visitAgreed,
  'budget-kept': budgetKept,
  'in-role': inRole,
};

export function judgeConversationOffline(
  input: ConversationJudgeTaskInput,
  check: OfflineConversationCheck,
  vocabulary?: Vocabulary,
): OfflineVerdict {
  return CHECKS[check](exchangesOf(input.turns, vocabulary));
}

function exchangesOf(turns: readonly HistoryTurn[], vocabulary?: Vocabulary): Exchange[] {
  const exchanges: Exchange[] = [];
  const history: HistoryTurn[] = [];
  const profile = ProfileSchema.parse({});
  for (const turn of turns) {
    if (turn.role === 'customer') {
      const { intents } = extractIntents({ message: turn.text, history: [...history], profile }, vocabulary);
      exchanges.push({ number: exchanges.length + 1, customer: turn.text, intents, agent: undefined });
    } else if (exchanges.length > 0 && exchanges.at(-1)!.agent === undefined) {
      exchanges.at(-1)!.agent = turn.text;
    }
    history.push(turn);
  }
  return exchanges;
}

const BOOKABLE = new Set(['visit', 'test_drive', 'reserve']);

/** A visit is agreed when the customer asks for one, says when, and the agent answers with that time. */
function visitAgreed(exchanges: readonly Exchange[]): OfflineVerdict {
  const asked = exchanges.find((e) =>
    e.intents.some((i) => i.type === 'sales' && BOOKABLE.has(i.entities.salesAction ?? '')),
  );
  const confirmed = exchanges.find((e) => {
    const time = e.intents.map((i) => i.entities.preferredTime).find((t) => t);
    return time && e.agent !== undefined && containsWords(e.agent, time);
  });
  if (confirmed) {
    return verdict(
      1,
      `turn ${confirmed.number}: the customer gave a time for the visit and the agent confirmed it`,
    );
  }
  if (asked) {
    return verdict(
      0.4,
      `turn ${asked.number}: the customer asked for a visit, but no later agent reply confirms a time the customer gave`,
    );
  }
  return verdict(0, 'no visit, test drive or reservation was asked for or agreed in the conversation');
}

/** Markup of a prompt file: a reply that shows it has let its instructions through. */
const PROMPT_MARKUP = /\{\{|\}\}|<<<|>>>|^##\s|^---$/m;
/** Words in a row, copied from an off-topic customer message, that make a reply an echo of it. */
const ECHO_WORDS = 8;

/** Every reply is present, free of prompt markup, and does not carry out an off-topic request. */
function inRole(exchanges: readonly Exchange[]): OfflineVerdict {
  const answered = exchanges.filter((e) => e.agent !== undefined);
  if (answered.length === 0) return verdict(0, 'the agent never replied');
  const slips = answered.flatMap((e): string[] => {
    const reply = e.agent!;
    if (reply.trim() === '') return [`turn ${e.number}: an empty reply`];
    if (PROMPT_MARKUP.test(reply)) return [`turn ${e.number}: the reply shows prompt markup`];
    const offTopic = e.intents.every((i) => i.type === 'out_of_scope');
    if (offTopic && sharesRun(reply, e.customer, ECHO_WORDS)) {
      return [`turn ${e.number}: the reply repeats an off-topic request instead of steering back to cars`];
    }
    return [];
  });
  if (slips.length === 0) return verdict(1, `all ${answered.length} replies stay in the sales agent's role`);
  return verdict(1 - slips.length / answered.length, slips.join('; '));
}

/** Every word of `phrase` appears in `text` (accents and case folded). */
function containsWords(text: string, phrase: string): boolean {
  const words = new Set(foldWords(text).split(' '));
  const wanted = foldWords(phrase)
    .split(' ')
    .filter((w) => w.length > 2 || /\d/.test(w));
  return wanted.length > 0 && wanted.every((w) => words.has(w));
}

function sharesRun(text: string, source: string, length: number): boolean {
  const words = foldWords(source).split(' ').filter(Boolean);
  const haystack = ` ${foldWords(text)} `;
  for (let i = 0; i + length <= words.length; i++) {
    if (haystack.includes(` ${words.slice(i, i + length).join(' ')} `)) return true;
  }
  return false;
}
