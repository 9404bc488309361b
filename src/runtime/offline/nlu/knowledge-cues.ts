import type { ConversationContext } from './context.js';
import type { CueHit } from './cues.js';
import type { Drafts } from './drafts.js';
import { addDraft } from './drafts.js';
import type { ExtractedEntities } from './entities.js';
import { infoTopicOf } from './rules-info.js';

/** "¿Cuánto cuesta la garantía extendida?": the price of a Kavak service, not of a car. */
const PRICE_QUESTION =
  /\b(cuanto\s+(?:me\s+|nos\s+|te\s+|le\s+)?(?:cuesta|costaria|costara|vale|valdria|sale|saldria|cobran|cobrarian|es|seria)|precios?|costos?|cobran|how\s+much)\b/;
/** "¿cuánto cobran de envío?", "precio de extender la garantía": a service's price even beside a car's name. */
const SERVICE_PRICE =
  /\b(?:cuanto\s+(?:me\s+|nos\s+|te\s+|le\s+)?(?:cuesta|costaria|costara|vale|valdria|sale|saldria|cobran|cobrarian|cobra|cobraria|es|seria)|que\s+(?:me\s+|nos\s+|te\s+|le\s+)?(?:cuesta|costaria|vale|sale|cobran|cobra)|precios?|costos?|cobran)\s+(?:\w+\s+){0,2}?(?:(?:de|del|por|el|la)\s+){0,2}(?:envios?|entrega|traslado|flete|extender|extension|garantia\s+extendida|seguro|kavak\s+total|mandar(?:lo|la)|traer(?:lo|la)|llevar(?:lo|la))\b|\bhow\s+much\s+(?:is|for|does|do\s+you\s+charge\s+for)\s+(?:the\s+)?(?:delivery|shipping|extended\s+warranty)/;
/** "¿Cuánto me darían por mi Versa?": what the customer's own car is worth, even named. */
const OWN_CAR_PRICE =
  /\b(?:cuanto\s+(?:me\s+|nos\s+)?(?:dan|darian|daran|pagan|pagarian|pagaran|ofrecen|ofrecerian)|how\s+much\s+(?:would|will|do|could|can)\s+you\s+(?:give|pay|offer))\b/;
/** "¿cuánto tarda?", "¿en cuántos días llega?": how long a service takes. */
const DURATION_QUESTION =
  /\b(cuanto\s+(?:tiempo\s+)?(?:se\s+)?(?:tarda|tardan|tardaria|demora|demoran)|cuanto\s+tiempo|en\s+cuant[oa]s\s+(?:dias|horas|semanas)|que\s+tan\s+rapido|how\s+long\s+(?:does|will|would)\s+(?:it|the\s+\w+)\s+take|how\s+soon)\b/;
/** "en total", "todas", "how many": a question about branches asks about every one (scope catalog). */
const ALL_BRANCHES =
  /\b(?:en\s+total|todas|cuantas|en\s+todo\s+(?:el\s+pais|mexico)|how\s+many|in\s+total|all)\b/;
/** Confidence of a return question read from the customer's own figures alone ("¿y si ya le metí 400 km?"). */
const USAGE_CONFIDENCE = 0.75;

/**
 * Items 10–11: flags a real model sets from the same reading — home delivery, the price of a
 * service — and a figure of use ("ya pasaron 10 días") read as a question about the return
 * window when the conversation is on it or nothing else is asked.
 */
export function applyKnowledgeCues(
  drafts: Drafts,
  cues: readonly CueHit[],
  text: string,
  found: readonly ExtractedEntities[],
  context: ConversationContext,
): void {
  const [first] = found;
  if (!first) return;
  const delivery = cues.some((c) => c.rule.infoTopic === 'delivery');
  const namesCar =
    first.entities.make !== null || first.entities.model !== null || first.entities.stockId !== null;
  // "¿cómo se cobran las mensualidades?" asks how, not how much.
  const howCharged = drafts.get('kavak_info')?.topics.includes('cobro de mensualidades') === true;
  const asksPrice =
    drafts.has('kavak_info') &&
    !howCharged &&
    ((!namesCar && PRICE_QUESTION.test(text)) || SERVICE_PRICE.test(text) || OWN_CAR_PRICE.test(text));
  const asksDuration = drafts.has('kavak_info') && DURATION_QUESTION.test(text);
  // "¿Y cuánto cuesta?" right after an answer about Kavak Total, with no car in view: its price.
  const previous = context.previous;
  const onKnowledgeFollowUp =
    previous?.intent === 'kavak_info' &&
    !namesCar &&
    !context.carInFocus &&
    PRICE_QUESTION.test(text) &&
    [...drafts.values()].every(
      (d) => d.type === 'car_recommendation' || d.type === 'kavak_info' || d.courtesyOnly,
    );
  if (onKnowledgeFollowUp) {
    drafts.delete('car_recommendation');
    addDraft(drafts, 'kavak_info', 0, USAGE_CONFIDENCE, {
      topic: previous.topic ?? undefined,
      infoTopic: infoTopicOf(previous.topic) ?? undefined,
    });
  }
  // "¿Y cómo saben cuánto vale mi auto?" after asking about leaving it a cuenta: still the trade-in.
  const info = drafts.get('kavak_info');
  if (info?.infoTopics[0] === 'sell_car' && infoTopicOf(previous?.topic ?? null) === 'trade_in') {
    info.infoTopics.unshift('trade_in');
  }
  const everyBranch = info?.infoTopics.includes('branches') === true && ALL_BRANCHES.test(text);
  for (const { entities } of found) {
    if (everyBranch) entities.scope = 'catalog';
    if (delivery) entities.homeDelivery = true;
    if (asksPrice || onKnowledgeFollowUp) entities.asksPrice = true;
    if (asksDuration) entities.asksDuration = true;
  }
  const { usageDays, usageKm } = first.entities;
  if ((usageDays === null && usageKm === null) || drafts.has('kavak_info')) return;
  const onWarranty = context.previous?.topic?.includes('garantía') === true;
  const onKnowledge = context.previous?.intent === 'kavak_info' || context.agentTopic === 'kavak_info';
  const asksOther = [...drafts.values()].some((d) => d.type !== 'greeting' && !d.courtesyOnly);
  if (!onKnowledge && asksOther) return;
  addDraft(drafts, 'kavak_info', 0, USAGE_CONFIDENCE, {
    topic: onWarranty ? 'garantía' : 'devolución',
    infoTopic: onWarranty ? 'warranty' : 'returns',
  });
}
