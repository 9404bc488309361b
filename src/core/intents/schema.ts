import { z } from 'zod';
import {
  BodyTypeSchema,
  CarUseSchema,
  SortBySchema,
  TransmissionSchema,
} from '../../tools/catalog/vocabulary.js';
import { MakeOriginSchema } from '../../tools/catalog/make-origins.js';

export { MakeOriginSchema };
export {
  BodyTypeSchema,
  CarUseSchema,
  SortBySchema,
  TransmissionSchema,
  type BodyType,
  type CarUse,
  type SortBy,
  type Transmission,
} from '../../tools/catalog/vocabulary.js';

/** What one customer message may ask for. A message may hold several. */
export const IntentTypeSchema = z.enum([
  'greeting',
  'car_recommendation',
  'financing',
  'kavak_info',
  'sales',
  'social',
  'haggle',
  'out_of_scope',
]);
export type IntentType = z.infer<typeof IntentTypeSchema>;
export const INTENT_TYPES = IntentTypeSchema.options;

export const SalesActionSchema = z.enum(['visit', 'test_drive', 'reserve', 'buy', 'human']);
export type SalesAction = z.infer<typeof SalesActionSchema>;

/**
 * What a social turn does: thanks, goodbyes and "ok" need a short warm answer; a complaint or
 * frustration needs an apology and the offer of a person.
 */
export const SocialKindSchema = z.enum([
  'thanks',
  'goodbye',
  'acknowledgement',
  'compliment',
  'complaint',
  'frustration',
]);
export type SocialKind = z.infer<typeof SocialKindSchema>;

/**
 * Items 10–11 (sales flow, knowledge routing): what a kavak_info question is about, so the agent
 * routes on the intent model's reading instead of re-parsing the message. `reservation` has no
 * published answer: the agent says so and offers an advisor.
 */
export const KnowledgeTopicSchema = z.enum([
  'branches',
  'hours',
  'delivery',
  'buying_process',
  'returns',
  'warranty',
  'inspection',
  'documents',
  'financing_process',
  'financing_terms',
  'credit_approval',
  'trade_in',
  'sell_car',
  'app',
  'kavak_total',
  'maintenance',
  'company',
  'payment_methods',
  'insurance',
  'paperwork',
  'reservation',
]);
export type KnowledgeTopic = z.infer<typeof KnowledgeTopicSchema>;

/** Which cars an ordering or a question is about: the ones just shown, or the whole catalog. */
export const CarScopeSchema = z.enum(['shown', 'catalog']);
export type CarScope = z.infer<typeof CarScopeSchema>;

// Issue 10, items 2-4: questions about the car in focus, body type and use, comparisons.

/** What a customer can ask about one car: each is a catalog fact (or said to be unknown). */
export const CarAttributeSchema = z.enum([
  'km',
  'year',
  'version',
  'transmission',
  'bluetooth',
  'carplay',
  'dimensions',
  'seats',
  'body_type',
  // Issue 10, round 3: one dimension asked ("¿qué tan ancho es?"), answered and fitted alone.
  'length',
  'width',
  'height',
  // Blind round 3: read from the version text (4X4, AWD, 4WD / 2WD, 4X2), or said to be unknown.
  'drivetrain',
  // Not in the catalog at all: always said to be unknown, never guessed.
  'color',
  'fuel_economy',
  // Blind round 9: doors read from the version text ("5 PTAS.") or a sedan's four; a trunk's size is not in the data.
  'doors',
  'trunk',
]);
export type CarAttribute = z.infer<typeof CarAttributeSchema>;

/**
 * Entities are all nullable rather than optional: OpenAI's strict structured output needs every
 * key present, and the same schema is the source of the TS types and the JSON schema sent.
 * Money is in MXN pesos (not cents): it is what the customer wrote.
 */
export const EntitiesSchema = z.object({
  make: z.string().nullable().describe('Car make as written, e.g. "VW", "Toyota"'),
  model: z.string().nullable().describe('Car model, e.g. "Jetta", "Corolla"'),
  makeOrigin: MakeOriginSchema.nullable().describe(
    'Makes of one origin, when no make is named: "algo japonés" = japanese, "un coreano" = korean, "alemán" = german, "europeo" = european',
  ),
  yearMin: z.number().int().nullable(),
  yearMax: z.number().int().nullable(),
  priceMin: z.number().nullable().describe('Lowest price in MXN pesos'),
  priceMax: z.number().nullable().describe('Budget / highest price in MXN pesos'),
  downPaymentAmount: z.number().nullable().describe('Down payment (enganche) in MXN pesos'),
  downPaymentPercent: z.number().nullable().describe('Down payment as a percentage 0-100'),
  termYears: z.number().nullable().describe('Financing term in years (plazo)'),
  monthlyPaymentTarget: z.number().nullable().describe('Monthly payment the customer wants, MXN'),
  kmMax: z.number().nullable(),
  bluetooth: z.boolean().nullable(),
  carplay: z.boolean().nullable(),
  transmission: TransmissionSchema.nullable(),
  otherFeatures: z
    .array(z.string())
    .describe('Requested features the catalog has no column for: diesel, airbags, SUV, color…'),
  stockId: z.string().nullable(),
  city: z.string().nullable(),
  customerName: z.string().nullable(),
  pick: z.number().int().nullable().describe('1-based position in the last list shown ("el segundo" = 2)'),
  cheaper: z.boolean().nullable().describe('Asks for something cheaper than the last cars shown'),
  salesAction: SalesActionSchema.nullable(),
  preferredTime: z.string().nullable().describe('When the customer wants the visit, as written'),
  topic: z.string().nullable().describe('For kavak_info: what the customer asks about'),
  socialKind: SocialKindSchema.nullable().describe('For social: thanks, goodbye, complaint…'),
  offeredPrice: z
    .number()
    .nullable()
    .describe('For haggle: the price the customer proposes for the car, in MXN pesos'),
  // Issue 10, items 6 and 7 (numbers by their role, every question answered): what core used to
  // re-read from the raw message with keyword regexes.
  downPaymentMinimum: z
    .boolean()
    .nullable()
    .describe('Asks for the lowest down payment allowed ("lo mínimo", "con el enganche mínimo")'),
  questions: z
    .array(z.string())
    .describe(
      'For kavak_info: one short topic per question about Kavak, in order ("¿viene revisado? ¿y si falla?" = ["inspección", "garantía"])',
    ),
  followUp: z
    .boolean()
    .nullable()
    .describe(
      'A short "¿y …?" that goes on with the previous answer\'s subject without naming a new car or amount',
    ),
  // Items 10–11: sales flow and knowledge routing.
  infoTopic: KnowledgeTopicSchema.nullable().describe('For kavak_info: which part of the knowledge base'),
  asksPrice: z
    .boolean()
    .nullable()
    .describe('For kavak_info: asks what a Kavak service costs (extended warranty, Kavak Total, apartado)'),
  // Blind round 3: "¿cuánto tarda el envío?" — a time the knowledge base may not publish.
  asksDuration: z
    .boolean()
    .nullable()
    .describe('For kavak_info: asks how long a Kavak service takes (delivery, approval, paperwork)'),
  usageDays: z
    .number()
    .nullable()
    .describe('Days the customer has had the car they bought ("ya pasaron 10 días" = 10)'),
  usageKm: z
    .number()
    .nullable()
    .describe('Km driven since the customer got the car ("le metí 400 km" = 400)'),
  branch: z
    .string()
    .nullable()
    .describe('Kavak branch the customer names ("la de santa fe" = "Patio Santa Fe")'),
  homeDelivery: z
    .boolean()
    .nullable()
    .describe('Wants the car brought to their home (delivery or test drive) instead of going to a branch'),
  // Issue 10, item 1: ordering and superlatives.
  sortBy: SortBySchema.nullable().describe(
    'How to order or pick cars: "el más barato"/"algo económico" = price_asc, "el más nuevo" = year_desc, "el de menos km" = km_asc, "el más grande" = size_desc',
  ),
  scope: CarScopeSchema.nullable().describe(
    '"shown": about the cars just shown ("de esos", "de los que me mandaste", "¿cuál de ellos…?"); "catalog": the whole catalog, not only the model discussed ("de todo lo que tienen"), and for branches every branch, not only the city\'s ("¿cuántas sedes tienen en total?"); null when not said',
  ),
  wantsOne: z
    .boolean()
    .nullable()
    .describe('With sortBy: true for one car ("el más barato"), false for a list ("los más baratos")'),
  alsoSortBy: SortBySchema.nullable().describe(
    'A second superlative asked in the same message, answered apart: "la más nueva y la de menos km" = sortBy year_desc, alsoSortBy km_asc; null otherwise',
  ),
  // Issue 10, items 2-4 (car facts, body type and use, comparisons).
  carQuestion: z
    .array(CarAttributeSchema)
    .describe('What is asked about the car in focus ("¿cuántos km tiene?" = ["km"]); [] when none'),
  spaceLengthM: z
    .number()
    .nullable()
    .describe('Length of the customer\'s garage or parking space in metres ("mi cochera mide 4.5 m")'),
  // Issue 10, round 3: the other limits of the customer's space, each checked on its own dimension.
  spaceWidthM: z
    .number()
    .nullable()
    .describe('Width of the customer\'s garage or space in metres ("mi cochera es angosta, 2.1 m")'),
  spaceHeightM: z
    .number()
    .nullable()
    .describe('Height limit of the customer\'s garage or parking in metres ("altura máxima 1.9 m")'),
  bodyTypes: z.array(BodyTypeSchema).describe('Body types wanted: troca = pickup, camioneta = suv'),
  seatsMin: z.number().int().nullable().describe('Fewest seats wanted ("7 pasajeros" = 7)'),
  carUse: CarUseSchema.nullable().describe('What the car is for: "para trabajo" = work, "familiar" = family'),
  // Plain names, not objects: OpenAI's strict mode allows 5 levels of nesting.
  comparedCars: z
    .array(z.string())
    .describe(
      'Two or three cars to compare, each as written with its year if given, or by stock id: ["Versa 2020", "Aveo"], ["312204", "322962"]',
    ),
  // Issue 10 round 3, items 3-4: a shown car pointed at by what it is; a search that fits the garage.
  shownReference: z
    .boolean()
    .nullable()
    .describe(
      'Points at one of the cars just shown by an attribute, not its position: "el de 2019", "el hatchback", "el automático", "el de 281 mil", "el gris". The year, bodyTypes, transmission, priceMax/kmMax or otherFeatures fields say which car; they are not a new search',
    ),
  fitsSpace: z
    .boolean()
    .nullable()
    .describe(
      'Wants cars that fit the garage or parking space given now or earlier (spaceLengthM): "¿qué me recomiendas que sí quepa?", "una suv que entre en mi cochera"',
    ),
});
export type Entities = z.infer<typeof EntitiesSchema>;

export const IntentSchema = z.object({
  type: IntentTypeSchema,
  confidence: z.number().min(0).max(1),
  entities: EntitiesSchema,
});
export type Intent = z.infer<typeof IntentSchema>;

/** The language the reply is written in: the customer's. */
export const LanguageSchema = z.enum(['es', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

export const IntentResultSchema = z.object({
  // A default, not optional: the wire schema still requires the key (strict mode), while answers
  // recorded before it existed, and servers that drop it, read as Spanish.
  language: LanguageSchema.default('es').describe(
    'The language the customer writes in: "en" for English, "es" for Spanish (and anything else). ' +
      'For a message too short to tell ("ok", "10am"), the language of their previous messages.',
  ),
  intents: z.array(IntentSchema).min(1),
});
export type IntentResult = z.infer<typeof IntentResultSchema>;

export function emptyEntities(): Entities {
  return {
    make: null,
    model: null,
    makeOrigin: null,
    yearMin: null,
    yearMax: null,
    priceMin: null,
    priceMax: null,
    downPaymentAmount: null,
    downPaymentPercent: null,
    termYears: null,
    monthlyPaymentTarget: null,
    kmMax: null,
    bluetooth: null,
    carplay: null,
    transmission: null,
    otherFeatures: [],
    stockId: null,
    city: null,
    customerName: null,
    pick: null,
    cheaper: null,
    salesAction: null,
    preferredTime: null,
    topic: null,
    socialKind: null,
    offeredPrice: null,
    downPaymentMinimum: null,
    questions: [],
    followUp: null,
    infoTopic: null,
    asksPrice: null,
    asksDuration: null,
    usageDays: null,
    usageKm: null,
    branch: null,
    homeDelivery: null,
    sortBy: null,
    scope: null,
    wantsOne: null,
    alsoSortBy: null,
    carQuestion: [],
    spaceLengthM: null,
    spaceWidthM: null,
    spaceHeightM: null,
    bodyTypes: [],
    seatsMin: null,
    carUse: null,
    comparedCars: [],
    shownReference: null,
    fitsSpace: null,
  };
}
