import { z } from 'zod';
import { BodyTypeSchema, IntentTypeSchema, SortBySchema } from '../../core/intents/schema.js';
import { ProfileSchema } from '../../core/profile.js';

/**
 * The golden set's format (golden-set/*.yaml). The single source of the TS types, of the
 * validation run before any model call, and of golden-set/schema.json for editors.
 */
export const KeywordsExpectationSchema = z
  .strictObject({
    all: z.array(z.string().min(1)).optional().describe('every one must appear'),
    any: z.array(z.string().min(1)).optional().describe('at least one must appear'),
    none: z.array(z.string().min(1)).optional().describe('none may appear'),
  })
  .describe('Case- and accent-insensitive whole words; numbers normalised ("$6,371.06" = "6371.06")');

export const LengthExpectationSchema = z.strictObject({
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().positive().optional(),
});

/** What the cars in a reply must honour (checked against the catalog). */
export const CarConstraintsSchema = z.strictObject({
  make: z.string().optional(),
  model: z.string().optional(),
  yearMin: z.number().int().optional(),
  yearMax: z.number().int().optional(),
  priceMax: z.number().optional().describe('MXN pesos'),
  priceMin: z.number().optional(),
  kmMax: z.number().optional(),
  transmission: z.enum(['automatic', 'manual']).optional(),
  carplay: z.boolean().optional(),
  bluetooth: z.boolean().optional(),
  bodyTypes: z.array(BodyTypeSchema).optional().describe('the car is one of these body types'),
  seatsMin: z.number().int().optional().describe('the car seats at least this many'),
});

/** A monthly payment the reply must state, recomputed with the financing tool. */
export const MonthlyPaymentExpectationSchema = z.strictObject({
  stockId: z.string(),
  downPaymentPercent: z.number().optional(),
  downPaymentAmount: z.number().optional().describe('MXN pesos'),
  termYears: z.number().int(),
});

/** "¿Qué me alcanza?": the highest price a monthly payment affords, recomputed with the financing tool. */
export const AffordableExpectationSchema = z.strictObject({
  monthlyPayment: z.number().describe('MXN pesos a month the customer can pay'),
  downPaymentAmount: z.number().optional().describe('MXN pesos; none given: each car’s 10% minimum'),
  downPaymentPercent: z.number().optional(),
  termYears: z.number().int().optional().describe('none given: the financing tool’s default term'),
});

/** "el más barato", "el de menos km": the car that must come first, recomputed with the catalog. */
export const BestCarExpectationSchema = z.strictObject({
  sortBy: SortBySchema,
  constraints: CarConstraintsSchema.optional().describe('the search it is the best of'),
  among: z.array(z.string()).optional().describe('stock ids shown: the best of these instead'),
});

export const FactsExpectationSchema = z.union([
  z
    .boolean()
    .describe('true: run the grounding checks (no price, stock id or branch the tools did not give)'),
  z.strictObject({
    constraints: CarConstraintsSchema.optional(),
    monthlyPayment: MonthlyPaymentExpectationSchema.optional(),
    affordable: AffordableExpectationSchema.optional(),
    best: BestCarExpectationSchema.optional(),
    /** A comparison: the payment of each car on the same plan, every one stated. */
    monthlyPayments: z.array(MonthlyPaymentExpectationSchema).optional(),
    /** The reply must name at least one catalog car. */
    requireCars: z.boolean().optional(),
    /** The reply must name no car at all (e.g. a car not in the catalog must not be invented). */
    noCars: z.boolean().optional(),
  }),
]);

export const JudgeExpectationSchema = z.union([
  z.string().min(1).describe('rubric name from judges/'),
  z.strictObject({ name: z.string().min(1), threshold: z.number().min(0).max(1).optional() }),
]);

export const TurnExpectationSchema = z.strictObject({
  intents: z.array(IntentTypeSchema).optional().describe('the expected set of intents'),
  keywords: KeywordsExpectationSchema.optional(),
  length: LengthExpectationSchema.optional(),
  facts: FactsExpectationSchema.optional(),
  judges: z.array(JudgeExpectationSchema).optional(),
  whatsapp: z.boolean().optional().describe('WhatsApp format check; on unless false'),
});

export const GoldenTurnSchema = z.strictObject({
  user: z.string().describe("the customer's message"),
  expect: TurnExpectationSchema.default({}),
  critical: z
    .union([z.boolean(), z.string().min(1)])
    .optional()
    .describe('a failure here fails the run whatever the pass rate; a string says why'),
});

export const GoldenCaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/, 'ids are lowercase letters, digits, - _ .'),
  title: z.string().min(1),
  tags: z.array(z.string().min(1)).default([]),
  profile: ProfileSchema.partial().optional().describe('starting profile of the conversation'),
  goal: z
    .string()
    .min(1)
    .optional()
    .describe('what the customer wants out of the conversation; the conversation judges read it'),
  judges: z
    .array(JudgeExpectationSchema)
    .optional()
    .describe('conversation rubrics (judges/ with scope: conversation) that score the whole case'),
  skipScorers: z
    .array(z.string().min(1))
    .optional()
    .describe('custom scorers (scorers/ file names) not to run on this case'),
  turns: z.array(GoldenTurnSchema).min(1),
});

export const GoldenFileSchema = z.strictObject({
  $schema: z.string().optional(),
  cases: z.array(GoldenCaseSchema).min(1),
});

export type KeywordsExpectation = z.infer<typeof KeywordsExpectationSchema>;
export type LengthExpectation = z.infer<typeof LengthExpectationSchema>;
export type CarConstraints = z.infer<typeof CarConstraintsSchema>;
export type FactsExpectation = z.infer<typeof FactsExpectationSchema>;
export type JudgeExpectation = z.infer<typeof JudgeExpectationSchema>;
export type TurnExpectation = z.infer<typeof TurnExpectationSchema>;
export type GoldenTurn = z.infer<typeof GoldenTurnSchema>;
export type GoldenCase = z.infer<typeof GoldenCaseSchema>;
export type GoldenFile = z.infer<typeof GoldenFileSchema>;

/** A case with where it came from, for error messages and reports. */
export interface LoadedCase extends GoldenCase {
  file: string;
  /** 1-based line of the case in its file, when known (for error messages and reports). */
  line?: number;
}
