import { z } from 'zod';

/**
 * The catalog's vocabulary: the orderings, transmissions, body styles and uses its queries take.
 * Tools own it; the intent schema (core) reuses it, so a customer's words and the catalog's
 * columns name things the same way.
 */

/**
 * Issue 10, item 1: how the customer wants cars ordered or picked. "el más barato" = price_asc,
 * "el más nuevo" = year_desc, "el de menos km" = km_asc, "el más grande" = size_desc (largo ×
 * ancho × alto).
 */
export const SortBySchema = z.enum([
  'price_asc',
  'price_desc',
  'year_desc',
  'year_asc',
  'km_asc',
  'km_desc',
  'size_desc',
  'size_asc',
]);
export type SortBy = z.infer<typeof SortBySchema>;

export const TransmissionSchema = z.enum(['automatic', 'manual']);
export type Transmission = z.infer<typeof TransmissionSchema>;

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

/** What the car is for: the agent maps it to body types (work → pickup/van, family → SUV/minivan). */
export const CarUseSchema = z.enum(['work', 'family']);
export type CarUse = z.infer<typeof CarUseSchema>;
