import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { BodyTypeSchema, type BodyType, type CarUse } from './vocabulary.js';
import { VERSION_BODY_WORDS, VERSION_SEATS_WORDS } from '../text/car-lexicon.js';
import { compactKey } from '../text/normalize.js';
import { canonicalMake, canonicalModel } from './canonical-names.js';

/** The reference table of body types by make and model (data/body-types.csv says where it comes from). */
export const BODY_TYPES_PATH = fileURLToPath(new URL('../../../data/body-types.csv', import.meta.url));

export interface BodyFacts {
  bodyType: BodyType | null;
  seats: number | null;
}

type BodyTable = ReadonlyMap<string, BodyFacts>;

const key = (make: string, model: string): string =>
  `${compactKey(canonicalMake(make))}|${compactKey(canonicalModel(model))}`;

/** The table's rows by make and model; a bad cell is a mistake in the bundled file, so it throws. */
export function parseBodyTable(csvText: string): BodyTable {
  const rows = parse<Record<string, string>>(csvText, {
    columns: true,
    comment: '#',
    skip_empty_lines: true,
    trim: true,
  });
  const table = new Map<string, BodyFacts>();
  for (const row of rows) {
    const seats = row.seats ? Number(row.seats) : null;
    if (seats !== null && !Number.isInteger(seats)) throw new Error(`body-types: seats "${row.seats}"`);
    const bodyType = row.body_type ? BodyTypeSchema.parse(row.body_type) : null;
    table.set(key(row.make ?? '', row.model ?? ''), { bodyType, seats });
  }
  return table;
}

let bundled: BodyTable | undefined;
function bundledTable(): BodyTable {
  bundled ??= parseBodyTable(readFileSync(BODY_TYPES_PATH, 'utf8'));
  return bundled;
}

/**
 * Body type and seats of one catalog car: the version text first ("HATCHBACK", "CREW CAB",
 * "7 PASAJEROS", "2 ROW"), then the table; a model the table does not list stays unknown.
 */
export function bodyFacts(make: string, model: string, version: string, table = bundledTable()): BodyFacts {
  const listed = table.get(key(make, model)) ?? { bodyType: null, seats: null };
  const text = version.toUpperCase();
  // "5 PTAS" names a hatchback only for a model that is a car (not an SUV or pickup).
  const carLike = listed.bodyType === null || listed.bodyType === 'hatchback' || listed.bodyType === 'sedan';
  const fromVersion = VERSION_BODY_WORDS.find(
    ({ bodyType, pattern }) =>
      pattern.test(text) && (carLike || (bodyType !== 'hatchback' && bodyType !== 'sedan')),
  )?.bodyType;
  const seatsRule = VERSION_SEATS_WORDS.find(({ pattern }) => pattern.test(text));
  const seatsFromVersion =
    seatsRule === undefined
      ? null
      : seatsRule.seats === 'number'
        ? Number(seatsRule.pattern.exec(text)![1])
        : seatsRule.seats;
  return { bodyType: fromVersion ?? listed.bodyType, seats: seatsFromVersion ?? listed.seats };
}

/** What a use maps to: the body types searched for and the fewest seats. */
export const USE_BODY_TYPES: Readonly<
  Record<CarUse, { bodyTypes: readonly BodyType[]; seatsMin: number | null }>
> = {
  work: { bodyTypes: ['pickup', 'van'], seatsMin: null },
  family: { bodyTypes: ['suv', 'minivan'], seatsMin: 5 },
};
