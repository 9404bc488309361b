import { z } from 'zod';
import { BodyTypeSchema, TransmissionSchema } from '../../tools/catalog/vocabulary.js';
import { JudgeExpectationSchema } from '../golden-set/schema.js';

/**
 * A simulated customer (personas/*.yaml): who they are, what they want, how they write. The one
 * source of the persona's types, of the loader's validation and of both customer players'
 * input: the model reads it as a brief, the offline player derives its moves from it.
 */
export const PersonaStyleSchema = z.strictObject({
  accents: z.boolean().default(true).describe('false: writes without accents or ñ (phone keyboards)'),
  lowercase: z.boolean().default(false).describe('true: never capitalises, no opening ¿ or ¡'),
  typos: z.number().min(0).max(1).default(0).describe('share of longer words with a slip of the thumb'),
  slang: z.boolean().default(false).describe('Mexican slang: güey, neta, chido, porfa, ahorita'),
  abbreviations: z.boolean().default(false).describe('q, xq, tmb, pa, plis'),
  emojis: z.enum(['none', 'few', 'many']).default('none'),
  impatience: z
    .enum(['low', 'medium', 'high'])
    .default('medium')
    .describe('high: short messages, skips small talk, gives up after one useless answer'),
});

export const PersonaWantsSchema = z.strictObject({
  bodyType: BodyTypeSchema.optional(),
  make: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  transmission: TransmissionSchema.optional(),
  /** What the car is for, said in the customer's words ("pa la familia", "pa la chamba"). */
  use: z.string().min(1).optional(),
  financing: z
    .strictObject({
      downPaymentPercent: z.number().min(0).max(100).optional(),
      termYears: z.number().int().min(1).max(8).optional(),
    })
    .optional()
    .describe('asks for a monthly payment on these terms'),
  /** Asks about the warranty, the inspection … before deciding (one message each). */
  questions: z.array(z.string().min(1)).default([]),
  /** Ends by asking to see the car at a branch in `city`. */
  visit: z.boolean().default(false),
});

export const PersonaSuccessSchema = z.strictObject({
  description: z.string().min(1).describe('what the customer needs to call the conversation a success'),
  /** Words one of the agent's replies must contain (accent- and case-insensitive): at least one. */
  agentMentions: z.array(z.string().min(1)).optional(),
});

export const PersonaSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/, 'ids are lowercase letters, digits, - _ .'),
  name: z.string().min(1).optional(),
  goal: z.string().min(1),
  budget: z.number().positive().describe('MXN pesos'),
  city: z.string().min(1),
  wants: PersonaWantsSchema.default({ questions: [], visit: false }),
  style: PersonaStyleSchema.default({
    accents: true,
    lowercase: false,
    typos: 0,
    slang: false,
    abbreviations: false,
    emojis: 'none',
    impatience: 'medium',
  }),
  maxTurns: z.number().int().min(1).max(30).default(8),
  opening: z.string().min(1).optional().describe('the first message, as written'),
  success: PersonaSuccessSchema,
  judges: z
    .array(JudgeExpectationSchema)
    .optional()
    .describe(
      'conversation rubrics (judges/ with scope: conversation) that score the whole conversation; default: all of them',
    ),
  tags: z.array(z.string().min(1)).default([]),
});

export type PersonaStyle = z.infer<typeof PersonaStyleSchema>;
export type PersonaWants = z.infer<typeof PersonaWantsSchema>;
export type Persona = z.infer<typeof PersonaSchema>;

/** A persona with the file it came from, for errors and reports. */
export interface LoadedPersona extends Persona {
  file: string;
}
