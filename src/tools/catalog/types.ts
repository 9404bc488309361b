import { z } from 'zod';
import { MakeOriginSchema } from './make-origins.js';
import { BodyTypeSchema, SortBySchema, TransmissionSchema } from './vocabulary.js';

/** One car of the catalog, normalised. Money in integer cents. */
export const CarSchema = z.object({
  stockId: z.string(),
  km: z.number().int().nonnegative(),
  priceCents: z.number().int().positive(),
  /** Canonical make, e.g. "Volkswagen", "Mercedes-Benz", "Kia". */
  make: z.string(),
  /** Canonical model, e.g. "Jetta", "Mazda 3", "Serie 3". */
  model: z.string(),
  year: z.number().int(),
  version: z.string(),
  /** null = the CSV cell was empty: unknown, not "no". */
  bluetooth: z.boolean().nullable(),
  carplay: z.boolean().nullable(),
  /** Read from the version text (AUTO, AT, TA, CVT, DCT → automatic; MT, STD → manual). */
  transmission: TransmissionSchema.nullable(),
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  heightMm: z.number().nullable(),
  /** From the version text, else data/body-types.csv by make and model; null = unknown. */
  bodyType: BodyTypeSchema.nullable(),
  seats: z.number().int().nullable(),
});
export type Car = z.infer<typeof CarSchema>;

/** What the car agent asks the catalog. Money in pesos (as customers say it). All optional. */
export const CarQuerySchema = z.object({
  make: z.string().optional(),
  model: z.string().optional(),
  /** Makes of this origin only ("algo japonés"); a make named takes its place. */
  makeOrigin: MakeOriginSchema.optional(),
  yearMin: z.number().optional(),
  yearMax: z.number().optional(),
  priceMin: z.number().optional(),
  priceMax: z.number().optional(),
  kmMax: z.number().optional(),
  bluetooth: z.boolean().optional(),
  carplay: z.boolean().optional(),
  transmission: TransmissionSchema.optional(),
  /** Any of these body types; a car whose body type is unknown does not match. */
  bodyTypes: z.array(BodyTypeSchema).optional(),
  /** At least this many seats; unknown seats do not match. */
  seatsMin: z.number().int().optional(),
  /** Round 3, item 4: no longer than this (the customer's garage); unknown length does not match. */
  lengthMaxMm: z.number().optional(),
  /** Stock ids to leave out (already shown). */
  excludeStockIds: z.array(z.string()).optional(),
  /** Best first by this key; 'relevance' (the default) weighs year, km and budget fit. */
  sort: z.enum(['relevance', ...SortBySchema.options]).optional(),
  limit: z.number().int().positive().optional(),
});
export type CarQuery = z.infer<typeof CarQuerySchema>;

export interface DidYouMean {
  field: 'make' | 'model';
  input: string;
  suggestion: string;
}

export interface CatalogSearchResult {
  /** Matches, best first, at most `limit` (default 3). */
  cars: Car[];
  /** How many cars matched in all. */
  total: number;
  /** The query after alias/typo resolution (canonical make/model). */
  resolved: CarQuery;
  /** Typos corrected on the way, to say "¿quisiste decir Toyota?". */
  didYouMean: DidYouMean[];
  /** Make or model the catalog does not have at all (after typo tolerance). */
  unknown: { field: 'make' | 'model'; input: string }[];
  /** When nothing matches: the nearest cars, relaxing the constraints, and which were relaxed. */
  alternatives: { cars: Car[]; relaxed: (keyof CarQuery)[] };
}

export interface CatalogRowIssue {
  /** 1-based line number in the CSV file (the header is line 1). */
  line: number;
  message: string;
}

export interface Catalog {
  readonly source: string;
  readonly cars: readonly Car[];
  /** Rows that did not validate; the good rows are kept. */
  readonly issues: readonly CatalogRowIssue[];
  search(query: CarQuery): CatalogSearchResult;
  byStockId(stockId: string): Car | undefined;
  /** Canonical make for free text ("vw", "chevy", "wolksvagen"), with typo info, or null. */
  resolveMake(text: string): { make: string; corrected: boolean } | null;
  /** Canonical model (optionally within a make), with typo info, or null. */
  resolveModel(text: string, make?: string): { make: string; model: string; corrected: boolean } | null;
  makes(): string[];
  models(make?: string): string[];
}
