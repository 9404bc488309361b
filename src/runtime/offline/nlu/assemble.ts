import type {
  Entities,
  Intent,
  IntentType,
  KnowledgeTopic,
  SalesAction,
  SocialKind,
} from '../../../core/intents/schema.js';
import { SocialKindSchema, emptyEntities } from '../../../core/intents/schema.js';
import type { DraftIntent } from './drafts.js';

const CAR_IDENTITY = [
  'make',
  'model',
  'yearMin',
  'yearMax',
  'stockId',
  'pick',
] as const satisfies readonly (keyof Entities)[];

/** Which entities each intent carries: the agent that handles it reads only these. */
export const FIELDS_BY_INTENT: Readonly<Record<IntentType, readonly (keyof Entities)[]>> = {
  greeting: ['customerName', 'city'],
  car_recommendation: [
    ...CAR_IDENTITY,
    'priceMin',
    'priceMax',
    'kmMax',
    'bluetooth',
    'carplay',
    'transmission',
    'otherFeatures',
    'cheaper',
    'city',
    'customerName',
    'makeOrigin',
    // Issue 10, items 1 and 5: ordering, and "¿qué me alcanza con 4 mil al mes?".
    'sortBy',
    'scope',
    'wantsOne',
    'alsoSortBy',
    'monthlyPaymentTarget',
    // Issue 10, items 2-4.
    'carQuestion',
    'spaceLengthM',
    'spaceWidthM',
    'spaceHeightM',
    'bodyTypes',
    'seatsMin',
    'carUse',
    'comparedCars',
    // The plan a comparison prices every car on.
    'downPaymentAmount',
    'downPaymentPercent',
    'termYears',
    // Issue 10 round 3, items 3-4: a shown car by attribute, cars that fit the garage.
    'shownReference',
    'fitsSpace',
  ],
  financing: [
    ...CAR_IDENTITY,
    'priceMin',
    'priceMax',
    'downPaymentAmount',
    'downPaymentPercent',
    'termYears',
    'monthlyPaymentTarget',
    'downPaymentMinimum',
    'customerName',
    // Round 3, item 3: "el de 2018, ¿cuánto al mes?" describes a shown car, not a search.
    'shownReference',
  ],
  kavak_info: [
    'make',
    'model',
    'yearMin',
    'yearMax',
    'city',
    'customerName',
    'branch',
    'usageDays',
    'usageKm',
    'asksPrice',
    'asksDuration',
    'homeDelivery',
    // "¿cuántas sedes tienen en total?": every branch, not the city's (scope catalog).
    'scope',
  ],
  sales: [
    ...CAR_IDENTITY,
    'salesAction',
    'preferredTime',
    'city',
    'customerName',
    'branch',
    'homeDelivery',
    'shownReference',
  ],
  social: [],
  haggle: [...CAR_IDENTITY],
  out_of_scope: [],
};

/** "gracias, pero q mal servicio": the complaint is what needs answering. */
const SOCIAL_PRIORITY: readonly SocialKind[] = [
  'complaint',
  'frustration',
  'goodbye',
  'compliment',
  'thanks',
  'acknowledgement',
];

/**
 * "¿A qué hora abre la sede de Monterrey?" names the branches but asks their hours; "¿me lo
 * devuelven si ya le metí 400 km?" names the km but asks about the return.
 */
const INFO_PRIORITY: readonly KnowledgeTopic[] = ['hours', 'reservation', 'returns', 'delivery'];

/** When one message asks for several actions, the most committed one is what the customer wants. */
const SALES_PRIORITY: readonly SalesAction[] = ['human', 'buy', 'reserve', 'test_drive', 'visit'];

export interface MessageEntities {
  /** Everything the message says. */
  all: Entities;
  /** Without the customer's own car ("vender mi Jetta"): what shopping intents search for. */
  shopping: Entities;
}

export function toIntent(draft: DraftIntent, found: MessageEntities): Intent {
  const source = draft.type === 'kavak_info' ? found.all : found.shopping;
  const entities = emptyEntities();
  for (const field of FIELDS_BY_INTENT[draft.type]) copyField(entities, source, field);
  if (draft.type === 'sales')
    entities.salesAction = SALES_PRIORITY.find((a) => draft.salesActions.includes(a)) ?? null;
  if (draft.type === 'kavak_info') {
    entities.topic = draft.topics.length > 0 ? draft.topics.join(', ') : null;
    entities.infoTopic =
      INFO_PRIORITY.find((t) => draft.infoTopics.includes(t)) ?? draft.infoTopics[0] ?? null;
  }
  if (draft.type === 'out_of_scope') entities.topic = draft.topics[0] ?? null;
  if (draft.type === 'social') {
    const kinds = draft.topics.flatMap((t) => SocialKindSchema.safeParse(t).data ?? []);
    entities.socialKind = SOCIAL_PRIORITY.find((k) => kinds.includes(k)) ?? 'acknowledgement';
  }
  // The figure a haggler names is the price they offer, not a budget to search with.
  if (draft.type === 'haggle') entities.offeredPrice = source.priceMax ?? source.priceMin;
  return { type: draft.type, confidence: Math.round(draft.confidence * 100) / 100, entities };
}

function copyField<K extends keyof Entities>(target: Entities, source: Entities, key: K): void {
  target[key] = structuredClone(source[key]);
}
