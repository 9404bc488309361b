import type { IntentResult } from '../../../core/intents/schema.js';
import { IntentResultSchema, emptyEntities } from '../../../core/intents/schema.js';
import type { IntentsTaskInput } from '../../../core/tasks.js';
import { toIntent } from './assemble.js';
import type { CarIndex } from './car-index.js';
import { buildCarIndex } from './car-index.js';
import type { ConversationContext } from './context.js';
import { readContext } from './context.js';
import { intentsFromCues } from './cue-intents.js';
import type { CueHit } from './cues.js';
import { findCues } from './cues.js';
import type { Drafts } from './drafts.js';
import { addDraft, substantive } from './drafts.js';
import { extractEntities } from './entities.js';
import { applyEntityIntents, applyFollowUps } from './follow-ups.js';
import { normalize } from './normalize.js';
import type { ExpectedAnswer, NumberHints } from './number-roles.js';
import type { Span } from './span.js';
import type { Vocabulary } from './vocabulary.js';

/** Nothing recognisable was asked: the fallback agent answers. */
const FALLBACK_CONFIDENCE = 0.5;
/** Empty, emoji-only or punctuation-only messages are surely not a request. */
const EMPTY_CONFIDENCE = 0.9;

const defaultIndex = buildCarIndex();
const indexes = new WeakMap<Vocabulary, CarIndex>();

function indexFor(vocabulary: Vocabulary | undefined): CarIndex {
  if (!vocabulary) return defaultIndex;
  let index = indexes.get(vocabulary);
  if (!index) {
    index = buildCarIndex(vocabulary);
    indexes.set(vocabulary, index);
  }
  return index;
}

/**
 * The offline runtime's answer to the `intents` task: rule-based reading of a Mexican Spanish
 * WhatsApp message (typos, slang, no accents, several requests at once), using the recent
 * history and profile only to read follow-ups. Entities are what this message says; the
 * pipeline merges them with the profile.
 */
export function extractIntents(input: IntentsTaskInput, vocabulary?: Vocabulary): IntentResult {
  const index = indexFor(vocabulary);
  const normalized = normalize(input.message);
  const text = normalized.text;
  if (!/[a-z0-9]/.test(text)) {
    return IntentResultSchema.parse({
      intents: [{ type: 'out_of_scope', confidence: EMPTY_CONFIDENCE, entities: emptyEntities() }],
    });
  }
  const context = readContext(input.history, input.profile);
  const cues = findCues(text);
  const hints = numberHints(cues, context);
  const options = { hints, listLength: context.listLength, expectName: context.asked === 'name' };
  const all = extractEntities(normalized, index, options);
  const ownCar = ownCarClauses(text, cues);
  const shopping =
    ownCar.length > 0 ? extractEntities(normalized, index, { ...options, exclude: ownCar }) : all;

  const { drafts, injection } = intentsFromCues(cues, shopping.carObjects, text, context);
  if (!injection) {
    applyFollowUps(drafts, text, shopping, context);
    applyEntityIntents(drafts, shopping);
  }
  finish(drafts, shopping.positions.financing !== null);
  const intents = [...drafts.values()]
    .sort((a, b) => a.start - b.start)
    .map((draft) => toIntent(draft, { all: all.entities, shopping: shopping.entities }));
  return IntentResultSchema.parse({ intents });
}

function numberHints(cues: readonly CueHit[], context: ConversationContext): NumberHints {
  return {
    financing: context.financingActive || cues.some((c) => c.rule.intent === 'financing'),
    expect: isExpectedAnswer(context.asked) ? context.asked : null,
  };
}

function isExpectedAnswer(asked: ConversationContext['asked']): asked is ExpectedAnswer {
  return asked === 'budget' || asked === 'downPayment' || asked === 'term' || asked === 'monthly';
}

/** The clause around "vender mi Jetta 2015" / "a cuenta": the customer's car, not one to buy. */
function ownCarClauses(text: string, cues: readonly CueHit[]): Span[] {
  const boundary = /[.?!;,]|\s(?:y|pero|porque|para|and|but)\s|\spor\s+(?=(?:un|una|otro|otra)\s)/g;
  return cues
    .filter((c) => c.rule.ownCar === true)
    .map((c) => {
      let start = 0;
      let end = text.length;
      for (const m of text.matchAll(boundary)) {
        if (m.index + m[0].length <= c.start) start = m.index + m[0].length;
        else if (m.index >= c.end) {
          end = m.index;
          break;
        }
      }
      return { start, end };
    });
}

/**
 * Thanks only when nothing else was asked; "¿qué documentos piden para el crédito?" is a question
 * for the knowledge base, not a payment plan; never an empty answer.
 */
function finish(drafts: Drafts, saysFinancingFigures: boolean): void {
  const info = drafts.get('kavak_info');
  const financing = drafts.get('financing');
  if (
    info &&
    financing &&
    !saysFinancingFigures &&
    info.topics.includes('documentos') &&
    info.start < financing.start
  ) {
    drafts.delete('financing');
  }
  const outOfScope = drafts.get('out_of_scope');
  if (outOfScope?.courtesyOnly && substantive(drafts).some((d) => d.type !== 'out_of_scope'))
    drafts.delete('out_of_scope');
  if (substantive(drafts).length === 0 && !drafts.has('out_of_scope') && !drafts.has('greeting')) {
    addDraft(drafts, 'out_of_scope', 0, FALLBACK_CONFIDENCE);
  }
}
