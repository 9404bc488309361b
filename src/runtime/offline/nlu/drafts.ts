import type { IntentType, KnowledgeTopic, SalesAction } from '../../../core/intents/schema.js';

/** An intent being assembled from cues, entities and the conversation. */
export interface DraftIntent {
  type: IntentType;
  /** Where in the message it was first expressed: intents are returned in that order. */
  start: number;
  confidence: number;
  topics: string[];
  /** kavak_info: knowledge-base topics, in the order asked. */
  infoTopics: KnowledgeTopic[];
  salesActions: SalesAction[];
  /** Only thanks, goodbye, "ok" or praise: dropped when the message asks for anything else. */
  courtesyOnly: boolean;
}

export type Drafts = Map<IntentType, DraftIntent>;

export interface DraftExtra {
  topic?: string | undefined;
  infoTopic?: KnowledgeTopic | undefined;
  salesAction?: SalesAction | null | undefined;
  courtesy?: boolean | undefined;
}

export function addDraft(
  drafts: Drafts,
  type: IntentType,
  start: number,
  confidence: number,
  extra: DraftExtra = {},
): void {
  const draft = drafts.get(type) ?? {
    type,
    start,
    confidence,
    topics: [],
    infoTopics: [],
    salesActions: [],
    courtesyOnly: true,
  };
  draft.start = Math.min(draft.start, start);
  draft.confidence = Math.max(draft.confidence, confidence);
  if (extra.topic && !draft.topics.includes(extra.topic)) draft.topics.push(extra.topic);
  if (extra.infoTopic && !draft.infoTopics.includes(extra.infoTopic)) draft.infoTopics.push(extra.infoTopic);
  if (extra.salesAction && !draft.salesActions.includes(extra.salesAction))
    draft.salesActions.push(extra.salesAction);
  draft.courtesyOnly &&= extra.courtesy === true;
  drafts.set(type, draft);
}

/** Intents that ask for something (not a greeting, not a courtesy). */
export function substantive(drafts: Drafts): DraftIntent[] {
  return [...drafts.values()].filter((d) => d.type !== 'greeting' && !d.courtesyOnly);
}
