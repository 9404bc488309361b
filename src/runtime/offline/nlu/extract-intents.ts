import type { IntentResult, Language } from '../../../core/intents/schema.js';
import { detectLanguage } from '../../../tools/text/language.js';
import { IntentResultSchema, emptyEntities } from '../../../core/intents/schema.js';
import type { IntentsTaskInput } from '../../../core/tasks.js';
import { toIntent } from './assemble.js';
import type { CarIndex } from './car-index.js';
import { applyBookingAnswers } from './booking-answers.js';
import { applyCarQuestionIntent } from './car-questions.js';
import { buildCarIndex } from './car-index.js';
import { branchIndexFor } from './branches.js';
import type { ConversationContext, PreviousRequest } from './context.js';
import { completedTime } from './time.js';
import { readContext } from './context.js';
import { onlyPriceObjection } from './rules-conversation.js';
import { intentsFromCues } from './cue-intents.js';
import type { CueHit } from './cues.js';
import { findCues } from './cues.js';
import type { Drafts } from './drafts.js';
import { addDraft, substantive } from './drafts.js';
import type { ExtractedEntities } from './entities.js';
import { extractEntities } from './entities.js';
import { applyEntityIntents, applyFollowUps } from './follow-ups.js';
import { applyKnowledgeCues } from './knowledge-cues.js';
import { carShownBefore } from './shown-cars.js';
import { carReferredTo } from './demonstrative.js';
import { shownCarDescribed } from './shown-reference.js';
import { infoTopicOf } from './rules-info.js';
import { normalize } from './normalize.js';
import { comparisonWithShown } from './comparison.js';
import { isFollowUp } from './follow-up-shape.js';
import { questionsAsked } from './questions.js';
import type { ExpectedAnswer, NumberHints } from './number-roles.js';
import type { Span } from '../../../tools/text/span.js';
import type { Vocabulary } from './vocabulary.js';
import { findOwnCarNamed, findRejections } from './rejections.js';
import { describesCarWanted } from '../../../core/intents/describes-car-wanted.js';

/** Nothing recognisable was asked: the fallback agent answers. */
const FALLBACK_CONFIDENCE = 0.5;
/** A follow-up leans on the last turn rather than on its own words. */
const FOLLOW_UP_CONFIDENCE = 0.6;
/** Empty, emoji-only or punctuation-only messages are surely not a request. */
const EMPTY_CONFIDENCE = 0.9;

const defaultIndex = buildCarIndex();
/** Indexes by vocabulary object (the fast path: the app hands the same one until a reload)… */
const byIdentity = new WeakMap<Vocabulary, CarIndex>();
/** …and by content, for callers that build an equal vocabulary on every call. */
const indexes = new Map<string, CarIndex>();
const MAX_CACHED_INDEXES = 4;

function indexFor(vocabulary: Vocabulary | undefined): CarIndex {
  if (!vocabulary) return defaultIndex;
  const known = byIdentity.get(vocabulary);
  if (known) return known;
  const key = JSON.stringify(vocabulary);
  let index = indexes.get(key);
  if (!index) {
    index = buildCarIndex(vocabulary);
    indexes.set(key, index);
    if (indexes.size > MAX_CACHED_INDEXES) indexes.delete(indexes.keys().next().value!);
  }
  byIdentity.set(vocabulary, index);
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
      language: languageOf(input),
      intents: [{ type: 'out_of_scope', confidence: EMPTY_CONFIDENCE, entities: emptyEntities() }],
    });
  }
  const context = readContext(input.history, input.profile, previousRequest(input, vocabulary));
  const cues = findCues(text);
  const hints = numberHints(cues, context, planShown(input, context));
  const options = {
    hints,
    listLength: context.listLength,
    expectName: context.asksName,
    branches: branchIndexFor(vocabulary),
    shownCount: input.profile.lastRecommended.length,
  };
  // "me dan 80 mil por el Sentra": the customer's own car is named, never as a car Kavak sells.
  const ownNamed = findOwnCarNamed(text);
  const all = extractEntities(
    normalized,
    index,
    ownNamed.length ? { ...options, exclude: ownNamed } : options,
  );
  const ownCar = ownCarClauses(text, cues);
  // "el aveo no me late, algo 2020…": the car turned down is not the one to search for.
  const leftOut = [...ownCar, ...clausesAround(text, findRejections(text)), ...ownNamed];
  const shopping =
    leftOut.length > 0 ? extractEntities(normalized, index, { ...options, exclude: leftOut }) : all;
  // "me dan 80 mil por el Sentra como enganche": the own car's clause still says the down payment.
  if (ownCar.length > 0 && shopping.entities.downPaymentAmount === null)
    shopping.entities.downPaymentAmount = all.entities.downPaymentAmount;

  inheritCarQuestion(text, shopping, context);
  for (const found of new Set([all, shopping]))
    found.entities.preferredTime = completedTime(input.profile.preferredTime, found.entities.preferredTime);
  const { drafts, injection } = intentsFromCues(cues, shopping.carObjects, text, context);
  if (!injection) {
    applyKnowledgeCues(drafts, cues, text, ownCar.length > 0 ? [all, shopping] : [all], context);
    applyFollowUps(drafts, text, shopping, context);
    applyEntityIntents(drafts, shopping);
    shopping.entities.comparedCars = comparisonWithShown(text, shopping.entities, {
      carUnderDiscussion: input.profile.carUnderDiscussion,
      lastRecommended: input.profile.lastRecommended,
      lastAgentText: context.lastAgentText,
    });
    applyCarQuestionIntent(drafts, shopping);
    applyBookingAnswers(drafts, shopping, context, input.profile.salesAction !== null);
  }
  const followUp = isFollowUp(text, all.entities) ? true : null;
  // "¿y si ya le metí 400 km?" right after a question about Kavak goes on with that question,
  // whatever its words alone suggest.
  if (
    followUp &&
    context.previous?.intent === 'kavak_info' &&
    !injection &&
    !drafts.has('kavak_info') &&
    !describesCarWanted(shopping.entities)
  ) {
    drafts.clear();
    const topic = context.previous.topic ?? undefined;
    addDraft(drafts, 'kavak_info', 0, FOLLOW_UP_CONFIDENCE, {
      topic,
      infoTopic: infoTopicOf(topic ?? null) ?? undefined,
    });
  }
  readAffordability(drafts, shopping, context);
  redoAffordability(drafts, shopping, input, context);
  finish(drafts, shopping);
  const shownId = carShownBefore(
    text,
    shopping.entities,
    input.history,
    drafts.has('sales'),
    shopping.positions.identity,
  );
  if (shownId) for (const found of [all, shopping]) found.entities.stockId = shownId;
  // "el de 2018, ¿cuánto al mes?": a plan or a visit needs the one car the attribute describes.
  const described = drafts.has('car_recommendation')
    ? null
    : shownCarDescribed(shopping.entities, input.history);
  if (described) for (const found of [all, shopping]) found.entities.stockId = described;
  else if (shopping.entities.shownReference === true && !drafts.has('car_recommendation')) {
    // Two shown cars fit (or none): the cars agent lists the ones that do and asks which, rather
    // than a plan or a visit for whichever car was in focus.
    const start = Math.min(...[...drafts.values()].map((d) => d.start));
    for (const type of ['financing', 'sales'] as const) drafts.delete(type);
    addDraft(drafts, 'car_recommendation', Number.isFinite(start) ? start : 0, 0.75);
  }
  const referred = carReferredTo(text, input.profile, shopping.entities);
  if (referred) for (const found of [all, shopping]) found.entities.stockId = referred;
  // "¿Cuánto el Jetta? ¿Me lo dejas en 190?": the figure is the haggler's offer, not a budget.
  const searched = drafts.has('haggle')
    ? { ...shopping.entities, priceMin: null, priceMax: null }
    : shopping.entities;
  const asked = questionsAsked(text, cues);
  const intents = [...drafts.values()]
    .sort((a, b) => a.start - b.start)
    .map((draft) =>
      toIntent(draft, {
        all: all.entities,
        shopping: draft.type === 'haggle' ? shopping.entities : searched,
      }),
    );
  for (const intent of intents) {
    const draft = drafts.get(intent.type);
    if (intent.type !== 'kavak_info' || !draft) continue;
    // Each question answered on its own; a topic carried over from the last turn comes after.
    intent.entities.questions = [
      ...asked.filter((t) => draft.topics.includes(t)),
      ...draft.topics.filter((t) => !asked.includes(t)),
    ];
  }
  for (const intent of intents) intent.entities.followUp = followUp;
  return IntentResultSchema.parse({ language: languageOf(input), intents });
}

/** This message's language; for one too short to tell, the latest customer message that tells. */
function languageOf(input: IntentsTaskInput): Language {
  const own = detectLanguage(input.message);
  if (own) return own;
  for (let i = input.history.length - 1; i >= 0; i--) {
    const turn = input.history[i]!;
    if (turn.role !== 'customer') continue;
    const earlier = detectLanguage(turn.text);
    if (earlier) return earlier;
  }
  return 'es';
}

/** "¿y la T-Cross?", "uff. y la T-Cross?": another car named after at most two words of reaction. */
const AND_THE_CAR = /^\W*(?:[a-z]+\W+){0,2}?(?:y|and|what\s+about)\s+/;

/**
 * "¿cuánto mide la CX-5?" … "¿y la T-Cross?": the same question about the car now named. Only
 * when this message names a car, asks nothing and searches for nothing, and the customer's last
 * message asked about a car.
 */
function inheritCarQuestion(text: string, found: ExtractedEntities, context: ConversationContext): void {
  const asked = context.previous?.carQuestion ?? [];
  const e = found.entities;
  // "¿y el del 2021?": the car in focus, another year.
  const otherYear =
    !e.make && !e.model && e.yearMin !== null && e.yearMin === e.yearMax && context.carInFocus;
  if (asked.length === 0 || e.carQuestion.length > 0 || (!e.make && !e.model && !otherYear)) return;
  if (!AND_THE_CAR.test(text) || (text.match(/[a-z0-9]+/g) ?? []).length > 6) return;
  if (e.priceMax !== null || e.kmMax !== null || e.transmission !== null || e.yearMin !== e.yearMax) return;
  e.carQuestion = [...asked];
  found.positions.carQuestion ??= found.positions.search ?? 0;
  // "¿km, CarPlay y el enganche mínimo del Kicks?" … "¿y la T-Cross lo mismo?": the plan too.
  const plan = context.previous?.financing;
  if (plan && SAME_AGAIN.test(text)) {
    if (plan.downPaymentMinimum) e.downPaymentMinimum = true;
    found.positions.financing ??= found.positions.carQuestion;
  }
}

/** "lo mismo", "igual", "same": everything the last message asked, about the car now named. */
const SAME_AGAIN = /\b(?:lo\s+mismo|igual|same|the\s+same)\b/;

/** What the customer's last message asked for, read the same way (without its own history). */
function previousRequest(input: IntentsTaskInput, vocabulary: Vocabulary | undefined): PreviousRequest {
  const last = input.history.findLast((t) => t.role === 'customer');
  if (!last) return null;
  const { intents } = extractIntents({ message: last.text, history: [], profile: input.profile }, vocabulary);
  const request = intents.find((i) => i.type !== 'greeting' && i.type !== 'out_of_scope');
  const plan = intents.find((i) => i.type === 'financing');
  return request
    ? {
        intent: request.type,
        topic: request.entities.topic,
        carQuestion: request.entities.carQuestion,
        financing: plan ? { downPaymentMinimum: plan.entities.downPaymentMinimum === true } : null,
      }
    : null;
}

function numberHints(
  cues: readonly CueHit[],
  context: ConversationContext,
  planForCar: boolean,
): NumberHints {
  return {
    financing: context.financingActive || cues.some((c) => c.rule.intent === 'financing'),
    expect: isExpectedAnswer(context.asked) ? context.asked : null,
    planForCar,
  };
}

/** A figure followed by "al mes": an answer that computed payments. */
const MONTHLY_FIGURE = /\d[\d,.]*\s*(?:al\s+mes|mensuales)\b/;

/**
 * The agent's last answer with figures computed the payments of the car under discussion (an
 * answer about the warranty in between changes nothing): the customer is tuning that plan, so a
 * bare amount is its down payment. A list of cars or a haggle answer with no payments is not one.
 */
function planShown(input: IntentsTaskInput, context: ConversationContext): boolean {
  if (input.profile.carUnderDiscussion === null) return false;
  return context.lastFiguresText !== null && MONTHLY_FIGURE.test(context.lastFiguresText);
}

function isExpectedAnswer(asked: ConversationContext['asked']): asked is ExpectedAnswer {
  return asked === 'budget' || asked === 'downPayment' || asked === 'term' || asked === 'monthly';
}

/** The clause around "vender mi Jetta 2015" / "a cuenta": the customer's car, not one to buy. */
function ownCarClauses(text: string, cues: readonly CueHit[]): Span[] {
  return clausesAround(
    text,
    cues.filter((c) => c.rule.ownCar === true),
  );
}

/** The clause of the message each span sits in. */
function clausesAround(text: string, spans: readonly Span[]): Span[] {
  const boundary = /[.?!;,]|\s(?:y|pero|porque|para|and|but)\s|\spor\s+(?=(?:un|una|otro|otra)\s)/g;
  return spans.map((c) => {
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
 * "Puedo pagar 4 mil al mes, ¿qué me alcanza?" is a search (car_recommendation carrying the
 * monthly payment, down payment and term), not a plan for the car in focus: when it asks what
 * fits, or asks for cars with a payment and no car named or pointed at.
 */
function readAffordability(drafts: Drafts, found: ExtractedEntities, context: ConversationContext): void {
  const { entities, positions } = found;
  if (positions.whatFits !== null && !drafts.has('car_recommendation'))
    addDraft(drafts, 'car_recommendation', positions.whatFits, 0.85);
  if (entities.monthlyPaymentTarget === null || entities.stockId !== null || entities.pick !== null) return;
  // Round 3, item 7: "pago 5 mil al mes, ¿alguna troca 2020 o más nueva?" describes the cars to
  // look for under that payment (a body type, seats, a use, a year bound), with no car named.
  const describesCars =
    entities.bodyTypes.length > 0 ||
    entities.seatsMin !== null ||
    entities.carUse !== null ||
    (entities.yearMin !== null && entities.yearMin !== entities.yearMax);
  // "doy 60 mil y pago 4 mil al mes" right after a list, no car named: what that plan affords,
  // not the plan of the list's first car.
  const afterList = context.listedLast && !entities.make && !entities.model;
  if ((describesCars || afterList) && !entities.make && !entities.model && !drafts.has('car_recommendation'))
    addDraft(drafts, 'car_recommendation', positions.search ?? 0, 0.8);
  if (!drafts.has('car_recommendation')) return;
  if (positions.whatFits !== null || positions.identity === null || describesCars || afterList)
    drafts.delete('financing');
}

/** The agent's affordability answer ("…te alcanza un auto de hasta $237,140.99"), in either language. */
const AFFORDED = /\b(?:te\s+alcanza\s+un\s+auto\s+de\s+hasta|you\s+can\s+afford\s+a\s+car\s+of\s+up\s+to)\b/;

/**
 * Blind round 3: "¿y a 5 años?", "¿y si le subo el enganche a 70 mil?" right after the agent said
 * what a monthly payment affords changes one term of that search: the same monthly payment
 * (remembered in the profile) with the new term or down payment, not a plan for one car of the
 * list. "¿Qué me alcanza?" asks it again at any point. Only when this message names no car and
 * no payment of its own.
 */
function redoAffordability(
  drafts: Drafts,
  found: ExtractedEntities,
  input: IntentsTaskInput,
  context: ConversationContext,
): void {
  const e = found.entities;
  const remembered = input.profile.monthlyPaymentTarget;
  if (remembered === null || e.monthlyPaymentTarget !== null) return;
  if (e.make || e.model || e.stockId !== null || e.pick !== null) return;
  if (drafts.has('sales') || drafts.has('haggle')) return;
  // "¿cuál es el más caro que sí me alcanza a 5 años?": what the payment said before affords, even
  // after a plan for one car.
  const asksWhatFits = found.positions.whatFits !== null;
  const changesPlan = e.termYears !== null || e.downPaymentAmount !== null || e.downPaymentPercent !== null;
  const afterAffordability = context.lastFiguresText !== null && AFFORDED.test(context.lastFiguresText);
  if (!asksWhatFits && !(changesPlan && afterAffordability)) return;
  e.monthlyPaymentTarget = remembered;
  const start = drafts.get('financing')?.start ?? found.positions.financing ?? 0;
  drafts.delete('financing');
  if (!drafts.has('car_recommendation')) addDraft(drafts, 'car_recommendation', start, 0.8);
}

/**
 * Round 3, item 1: "uf muy caro, ¿y alguna camioneta con menos km?" objects to the price and asks
 * for something else: the request is what needs answering. An offer or a discount asked stays a
 * haggle; an objection alone gets the fixed-price answer.
 */
function dropBareObjection(drafts: Drafts): void {
  if (!onlyPriceObjection(drafts.get('haggle'))) return;
  const asksMore = substantive(drafts).some((d) => d.type !== 'haggle' && d.type !== 'social');
  if (asksMore) drafts.delete('haggle');
}

/** Questions about the credit itself are the knowledge base's: there is no plan to compute. */
const CREDIT_QUESTIONS = new Set([
  'documentos',
  'tasa de interés',
  'buró de crédito',
  'aprobación del crédito',
  'cómo funciona',
  'cobro de mensualidades',
  'seguro',
  'formas de pago',
  'comisiones',
  'CAT',
  'meses sin intereses',
]);

/**
 * "¿Qué tasa manejan y a cuántos años financian?" is a kavak_info question, not a plan (no car, no
 * figures); courtesies count only when nothing else was asked; the answer is never empty.
 */
function finish(drafts: Drafts, found: ExtractedEntities): void {
  // A car named for a search ("¿cuánto cuesta el Mazda 3…?") is the search's, not a plan's.
  const namesPlan =
    found.positions.financing !== null ||
    (found.positions.identity !== null && !drafts.has('car_recommendation'));
  const info = drafts.get('kavak_info');
  if (info && drafts.has('financing') && !namesPlan && info.topics.some((t) => CREDIT_QUESTIONS.has(t))) {
    drafts.delete('financing');
  }
  // "Me lo dejas en 300 y me lo llevo hoy" buys only at that price, "de contado" is how the
  // offer would be paid: both are part of the haggle, not requests of their own.
  if (drafts.has('haggle')) {
    const sale = drafts.get('sales');
    if (sale && sale.salesActions.every((a) => a === 'buy' || a === 'reserve')) drafts.delete('sales');
    if (info?.topics.every((t) => t === 'formas de pago')) drafts.delete('kavak_info');
  }
  // "¿la puedo apartar? ¿cómo le hago?": how to do what the sale asks, which the sales agent answers.
  if (drafts.has('sales') && info?.topics.every((t) => t === 'cómo funciona')) drafts.delete('kavak_info');
  dropBareObjection(drafts);
  if (substantive(drafts).length > 0) {
    for (const draft of [...drafts.values()]) if (draft.courtesyOnly) drafts.delete(draft.type);
  }
  const answered = drafts.has('out_of_scope') || drafts.has('greeting') || drafts.has('social');
  if (substantive(drafts).length === 0 && !answered) {
    addDraft(drafts, 'out_of_scope', 0, FALLBACK_CONFIDENCE);
  }
}
