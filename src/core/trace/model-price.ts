import { z } from 'zod';

/** USD per million tokens. */
export const ModelPriceSchema = z.strictObject({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
