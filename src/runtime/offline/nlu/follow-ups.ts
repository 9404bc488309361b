import type { Entities } from '../../../core/intents/schema.js';
import { fold } from '../../../tools/text/normalize.js';
import type { ConversationContext } from './context.js';
import type { Drafts } from './drafts.js';
import { addDraft, substantive } from './drafts.js';
import { onlyPriceObjection } from './rules-conversation.js';
import type { ExtractedEntities } from './entities.js';

const AFFIRMATIVE =
  /^(si|ok|va|vale|dale|claro|orale|sale|perfecto|de\s+acuerdo|me\s+parece|seguro|por\s+supuesto|yes|sure|andale|esta\s+bien|bueno|adelante|hagamoslo|me\s+late|por\s+favor|excelente|listo|correcto|exacto|asi\s+es|me\s+interesa|yeah|yep)\b/;
/** A yes that takes the offer even with thanks ("sí, gracias"); "ok, gracias" closes instead. */
const PLAIN_YES =
  /^(si|yes|claro|dale|sure|por\s+favor|me\s+interesa|adelante|hagamoslo|seguro|por\s+supuesto|yeah|yep)\b/;
const NEGATIVE = /^(no|nop|nope|ahorita\s+no|mejor\s+no|no\s+gracias|luego|despues)\b/;
/** "¿y el Jetta?", "¿y con el Versa?": the same question about another car. */
const AND_ABOUT = /^(y|and)\b/;
/** "ok, ¿y eso cuánto tarda?": the "ok" acknowledges, and a new question follows. */
const ACK_THEN_QUESTION =
  /^\W*\w+(?:\s+\w+)?[\s,.!]+(?:y|and)\s+(?:\w+\s+){0,3}?(?:como|cuando|donde|cuanto|cuanta|cuantos|cual|que|quien|si|con|what|how|when|where|if|with)\b/;
/** A follow-up is short; a long message without cues is not a reply to the last question. */
const SHORT_REPLY_WORDS = 8;

/** "¿Y cómo la reclamo?", "y de dónde son": a question that goes on with the last subject. */
const QUESTION =
  /\?|^(?:(?:bueno|ok|va|ah|ahh|pues|oye|ya|sale|mmm*|ahora)\s+)*(?:y|pero|entonces|oye|and|como|cuando|donde|cuanto|cuantos|cual|que|quien|por\s+que)\b|\b(?:entonces|y\s+eso|de\s+eso|eso\s+como)\W*$/;

/**
 * Reads a message that asks nothing by itself through the conversation: "sí" accepts what the
 * agent offered, "el segundo" picks from the list (for payments if payments were the subject),
 * "¿y el Jetta?" repeats the last question, "el sábado a las 10" answers "¿qué día?", "¿y cómo
 * la reclamo?" goes on with the warranty.
 */
export function applyFollowUps(
  drafts: Drafts,
  text: string,
  found: ExtractedEntities,
  context: ConversationContext,
): void {
  if (substantive(drafts).length > 0) return;
  const { entities, positions } = found;
  const about = context.offer?.intent ?? context.agentTopic ?? context.previous?.intent ?? null;
  const shortReply = (text.match(/[a-z0-9]+/g) ?? []).length <= SHORT_REPLY_WORDS;
  const nothingAsked = (): boolean => substantive(drafts).length === 0 && !hasSearchOrFinancing(found);

  // "ok gracias, lo pienso y te escribo": the "ok" closes the chat, it does not take the offer.
  const courtesies = drafts.get('social')?.topics ?? [];
  const closing = courtesies.includes('goodbye') || (courtesies.includes('thanks') && !PLAIN_YES.test(text));
  const aboutTheService = courtesies.includes('compliment') || courtesies.includes('complaint');
  // "va, ¿y trae CarPlay?": the "va" opens a question about the car, it does not take the offer.
  // "ok, ¿y la blanca?" points at a shown car: it does not take the offer either.
  const asksAbout = positions.carQuestion !== null || entities.shownReference === true;
  if (context.offer && AFFIRMATIVE.test(text) && !closing && !asksAbout && !ACK_THEN_QUESTION.test(text)) {
    addDraft(drafts, context.offer.intent, 0, 0.8, { salesAction: context.offer.salesAction });
  }
  // "¿el primero es automático?" asks about the car picked (a car question), not for its payments.
  if (positions.pick !== null && positions.carQuestion === null) {
    const aboutPayments = context.offer?.intent === 'financing' || context.agentTopic === 'financing';
    addDraft(drafts, aboutPayments ? 'financing' : 'car_recommendation', positions.pick, 0.8);
  }
  if (
    positions.identity !== null &&
    positions.carQuestion === null &&
    context.financingActive &&
    // A greeting's menu that names financing is no plan under way: with no car yet, a search.
    (context.carInFocus ||
      context.offer?.intent === 'financing' ||
      context.previous?.intent === 'financing') &&
    (AND_ABOUT.test(text) || shortReply) &&
    !describesSearch(entities)
  ) {
    addDraft(drafts, 'financing', positions.identity, 0.75);
  }
  const scheduling =
    about === 'sales' || context.asked === 'time' || positions.city !== null || mostlyTime(text, entities);
  if (positions.time !== null && scheduling) {
    const action = context.offer?.intent === 'sales' ? context.offer.salesAction : 'visit';
    addDraft(drafts, 'sales', positions.time, 0.75, { salesAction: action });
  }
  if (positions.city !== null && nothingAsked()) {
    if (about === 'sales' || about === 'car_recommendation') addDraft(drafts, about, positions.city, 0.7);
    // "Hola, soy de Monterrey" introduces; "me atendieron súper bien en Santa Fe" praises (or
    // complains about) a branch; a city alone asks where Kavak is.
    else if (context.asked === 'city' || (!drafts.has('greeting') && !aboutTheService)) {
      addDraft(drafts, 'kavak_info', positions.city, 0.7, { topic: 'sedes' });
    }
  }
  if (positions.name !== null && nothingAsked()) {
    if (about === 'sales') addDraft(drafts, 'sales', positions.name, 0.7);
    else if (!drafts.has('greeting')) addDraft(drafts, 'greeting', positions.name, 0.6);
  }
  if (context.offer && NEGATIVE.test(text) && substantive(drafts).length === 0 && entities.pick === null) {
    addDraft(drafts, 'social', 0, 0.6, { topic: 'acknowledgement', courtesy: true });
  }
  if (
    nothingAsked() &&
    QUESTION.test(text) &&
    about !== null &&
    about !== 'greeting' &&
    about !== 'out_of_scope'
  ) {
    // "Si lo necesitas, te comunico con un asesor" closes a knowledge answer: a question after it
    // ("¿y eso cuánto tarda?") goes on with the knowledge topic, not with the hand-off.
    const bookingOffered = context.offer?.salesAction === 'visit' || context.offer?.salesAction === 'reserve';
    const onKnowledge =
      context.previous?.intent === 'kavak_info' &&
      (about === 'kavak_info' || (about === 'sales' && !bookingOffered));
    const target = onKnowledge ? 'kavak_info' : about;
    const topic = onKnowledge ? context.previous?.topic : null;
    addDraft(drafts, target, 0, 0.6, { topic: topic ?? undefined });
  }
}

/**
 * Entities said without a request: down payment, term or monthly payment mean financing; a car
 * described ("un Jetta 2019", "300 mil", "con carplay") with nothing else asked means a search.
 */
export function applyEntityIntents(drafts: Drafts, found: ExtractedEntities): void {
  const { positions, entities } = found;
  if (positions.financing !== null && !drafts.has('financing'))
    addDraft(drafts, 'financing', positions.financing, 0.8);
  const declined = [...drafts.values()].some((d) => d.type === 'out_of_scope' && !d.courtesyOnly);
  // "me lo dejas en 300" names a price to pay for this car, not a budget to search with.
  const haggles = drafts.has('haggle') && !onlyPriceObjection(drafts.get('haggle'));
  if (declined || haggles || drafts.has('car_recommendation') || positions.search === null) return;
  // "el barato, ¿cuánto al mes?": one of the cars shown is singled out, then its plan is asked.
  const singlesOut = entities.sortBy !== null && entities.wantsOne === true && entities.scope === 'shown';
  if (
    substantive(drafts).length === 0 ||
    singlesOut ||
    (describesSearch(entities) && !drafts.has('financing'))
  ) {
    addDraft(drafts, 'car_recommendation', positions.search, 0.7);
  }
}

/** "mañana a las 5" on its own proposes a visit; "te escribo al rato" does not. */
function mostlyTime(text: string, entities: Entities): boolean {
  const letters = (s: string): number => s.replace(/[^a-z0-9]/g, '').length;
  const time = fold(entities.preferredTime ?? '');
  return letters(time) >= 0.6 * letters(text);
}

/** Fields that only a car search uses (not a car's identity). */
function describesSearch(entities: Entities): boolean {
  return (
    entities.priceMin !== null ||
    entities.priceMax !== null ||
    entities.kmMax !== null ||
    entities.bluetooth !== null ||
    entities.carplay !== null ||
    entities.transmission !== null ||
    entities.otherFeatures.length > 0 ||
    entities.bodyTypes.length > 0 ||
    entities.seatsMin !== null ||
    entities.carUse !== null ||
    entities.cheaper === true ||
    entities.sortBy !== null ||
    // "algo 2022 para arriba": a year bound is a search; an exact year may name the car in focus.
    entities.yearMin !== entities.yearMax
  );
}

function hasSearchOrFinancing(found: ExtractedEntities): boolean {
  return found.positions.search !== null || found.positions.financing !== null;
}
