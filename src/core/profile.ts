import { z } from 'zod';
import {
  BodyTypeSchema,
  CarUseSchema,
  MakeOriginSchema,
  SalesActionSchema,
  SortBySchema,
  TransmissionSchema,
} from './intents/schema.js';

/**
 * What the conversation has learnt about the customer. Kept per conversation in the store so
 * follow-ups ("¿y a 5 años?", "el segundo", "más barato") resolve on the next turn.
 */
export const ProfileSchema = z.object({
  name: z.string().nullable().default(null),
  city: z.string().nullable().default(null),
  budgetMin: z.number().nullable().default(null),
  budgetMax: z.number().nullable().default(null),
  downPaymentAmount: z.number().nullable().default(null),
  downPaymentPercent: z.number().nullable().default(null),
  termYears: z.number().nullable().default(null),
  /** The most the customer said they can pay a month: "¿y a 5 años?" redoes what it affords. */
  monthlyPaymentTarget: z.number().nullable().default(null),
  /** Stock id of the car being talked about. */
  carUnderDiscussion: z.string().nullable().default(null),
  /** Stock ids of the last cars shown, in the order shown. */
  lastRecommended: z.array(z.string()).default([]),
  preferences: z
    .object({
      make: z.string().nullable().default(null),
      model: z.string().nullable().default(null),
      /** "algo japonés": makes of that origin, until a make is named. */
      makeOrigin: MakeOriginSchema.nullable().default(null),
      yearMin: z.number().nullable().default(null),
      yearMax: z.number().nullable().default(null),
      kmMax: z.number().nullable().default(null),
      bluetooth: z.boolean().nullable().default(null),
      carplay: z.boolean().nullable().default(null),
      transmission: TransmissionSchema.nullable().default(null),
      /** How the customer asked lists to be ordered ("algo económico"): later lists keep it. */
      sortBy: SortBySchema.nullable().default(null),
      // Issue 10, item 3: body type, seats and use asked for.
      bodyTypes: z.array(BodyTypeSchema).default([]),
      seatsMin: z.number().int().nullable().default(null),
      carUse: CarUseSchema.nullable().default(null),
      /** The garage the customer gave ("mi cochera mide 4.5 m"): later cars are measured against it. */
      spaceLengthM: z.number().nullable().default(null),
      /**
       * Round 3: the ceiling "¿algo más barato?" set (pesos), so "¿y de esos alguno con CarPlay?"
       * searches under it; unlike a stated budget, it ends when another car is named.
       */
      priceCeiling: z.number().nullable().default(null),
      spaceWidthM: z.number().nullable().default(null),
      spaceHeightM: z.number().nullable().default(null),
    })
    .default({
      make: null,
      model: null,
      makeOrigin: null,
      yearMin: null,
      yearMax: null,
      kmMax: null,
      bluetooth: null,
      carplay: null,
      transmission: null,
      sortBy: null,
      bodyTypes: [],
      seatsMin: null,
      carUse: null,
      spaceLengthM: null,
      priceCeiling: null,
      spaceWidthM: null,
      spaceHeightM: null,
    }),
  /** A visit / test drive / reservation being arranged, until a lead is recorded. */
  salesAction: SalesActionSchema.nullable().default(null),
  preferredTime: z.string().nullable().default(null),
  /** Branch chosen for the visit. */
  branch: z.string().nullable().default(null),
  /** Item 10: the car is to be brought to the customer's home rather than seen at a branch. */
  homeDelivery: z.boolean().nullable().default(null),
  greeted: z.boolean().default(false),
  /** Agents that answered the previous turn, to read a bare "¿y…?" as a follow-up to it. */
  lastAgents: z.array(z.string()).default([]),
});
export type Profile = z.infer<typeof ProfileSchema>;

export function emptyProfile(): Profile {
  return ProfileSchema.parse({});
}
