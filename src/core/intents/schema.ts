import { z } from 'zod';

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

export const TransmissionSchema = z.enum(['automatic', 'manual']);
export type Transmission = z.infer<typeof TransmissionSchema>;

// Issue 10, items 2-4: questions about the car in focus, body type and use, comparisons.
/** Body styles the catalog knows (data/body-types.csv and the version text). */
export const BodyTypeSchema = z.enum([
  'sedan',
  'hatchback',
  'suv',
  'pickup',
  'minivan',
  'van',
  'coupe',
  'convertible',
]);
export type BodyType = z.infer<typeof BodyTypeSchema>;

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
]);
export type CarAttribute = z.infer<typeof CarAttributeSchema>;

/** What the car is for: the agent maps it to body types (work → pickup/van, family → SUV/minivan). */
export const CarUseSchema = z.enum(['work', 'family']);
export type CarUse = z.infer<typeof CarUseSchema>;

/**
 * Entities are all nullable rather than optional: OpenAI's strict structured output needs every
 * key present, and the same schema is the source of the TS types and the JSON schema sent.
 * Money is in MXN pesos (not cents): it is what the customer wrote.
 */
export const EntitiesSchema = z.object({
  make: z.string().nullable().describe('Car make as written, e.g. "VW", "Toyota"'),
  model: z.string().nullable().describe('Car model, e.g. "Jetta", "Corolla"'),
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
  // Issue 10, items 2-4 (car facts, body type and use, comparisons).
  carQuestion: z
    .array(CarAttributeSchema)
    .describe('What is asked about the car in focus ("¿cuántos km tiene?" = ["km"]); [] when none'),
  spaceLengthM: z
    .number()
    .nullable()
    .describe('Length of the customer\'s garage or parking space in metres ("mi cochera mide 4.5 m")'),
  bodyTypes: z.array(BodyTypeSchema).describe('Body types wanted: troca = pickup, camioneta = suv'),
  seatsMin: z.number().int().nullable().describe('Fewest seats wanted ("7 pasajeros" = 7)'),
  carUse: CarUseSchema.nullable().describe('What the car is for: "para trabajo" = work, "familiar" = family'),
  // Plain names, not objects: OpenAI's strict mode allows 5 levels of nesting.
  comparedCars: z
    .array(z.string())
    .describe('Two or three cars to compare, each as written with its year if given: ["Versa 2020", "Aveo"]'),
});
export type Entities = z.infer<typeof EntitiesSchema>;

export const IntentSchema = z.object({
  type: IntentTypeSchema,
  confidence: z.number().min(0).max(1),
  entities: EntitiesSchema,
});
export type Intent = z.infer<typeof IntentSchema>;

export const IntentResultSchema = z.object({
  intents: z.array(IntentSchema).min(1),
});
export type IntentResult = z.infer<typeof IntentResultSchema>;

export function emptyEntities(): Entities {
  return {
    make: null,
    model: null,
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
    carQuestion: [],
    spaceLengthM: null,
    bodyTypes: [],
    seatsMin: null,
    carUse: null,
    comparedCars: [],
  };
}
