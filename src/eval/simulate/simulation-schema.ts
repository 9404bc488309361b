import { z } from 'zod';
import { PersonaSchema } from './persona.js';

/**
 * A simulated conversation's facts in results.json (an optional field of a case, so every older
 * results.json still loads): who played whom and how it ended. Its whole-conversation scores
 * (persona:goal, the conversation rubrics) are the case's conversationScores, like any case's.
 */
export const SimulationSchema = z.object({
  persona: z.string(),
  personaFile: z.string(),
  seed: z.number().int(),
  /** goal: the customer got what it came for; gave-up: it left; max-turns: it ran out of turns. */
  ended: z.enum(['goal', 'gave-up', 'max-turns', 'error']),
  reason: z.string(),
  /** The customer's goodbye, when it ended the conversation itself. */
  closing: z.string().nullable(),
  /** The persona as played, for the reports (absent in runs written before it was kept). */
  profile: PersonaSchema.pick({ name: true, goal: true, budget: true, city: true, style: true })
    .extend({ maxTurns: z.number().int() })
    .optional(),
  customer: z.object({
    runtime: z.string(),
    model: z.string(),
    calls: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number().nullable(),
  }),
});
export type Simulation = z.infer<typeof SimulationSchema>;
