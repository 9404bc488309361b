import { z } from 'zod';
import { memoize } from './memo.js';
import { pesosToCents } from '../money.js';
import { canonicalMake, canonicalModel } from './canonical-names.js';
import { transmissionFromVersion } from './transmission.js';
import { bodyFacts } from './body-types.js';
import type { Car } from './types.js';

/** Columns a catalog file must have; the others may be absent (their values are then unknown). */
export const REQUIRED_COLUMNS = ['stock_id', 'km', 'price', 'make', 'model', 'year'] as const;
export const CATALOG_COLUMNS = [
  'stock_id',
  'km',
  'price',
  'make',
  'model',
  'year',
  'version',
  'bluetooth',
  'largo',
  'ancho',
  'altura',
  'car_play',
] as const;

const makeName = memoize(canonicalMake);
const modelName = memoize(canonicalModel);
const gearbox = memoize(transmissionFromVersion);
const bodyOf = memoize((makeModelVersion: string) => {
  const [make = '', model = '', version = ''] = makeModelVersion.split('\u0000');
  return bodyFacts(make, model, version);
});

const LATEST_YEAR = new Date().getFullYear() + 1;
const YES = new Set(['si', 'sí', 'yes', 'true', '1', 'x']);
const NO = new Set(['no', 'false', '0']);

function requiredText(column: string) {
  return z
    .string({ error: `${column} is missing` })
    .trim()
    .min(1, { error: `${column} is empty` });
}

function parseNumber(text: string): number {
  return text === '' ? Number.NaN : Number(text.replace(/[$,\s]/g, ''));
}

function requiredNumber(column: string) {
  return requiredText(column).transform((text, ctx) => {
    const value = parseNumber(text);
    if (Number.isFinite(value)) return value;
    ctx.addIssue({ code: 'custom', message: `${column} "${text}" is not a number` });
    return z.NEVER;
  });
}

/** Dimensions: empty = unknown. */
function optionalNumber(column: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return null;
      const value = parseNumber(text);
      if (Number.isFinite(value) && value > 0) return value;
      ctx.addIssue({ code: 'custom', message: `${column} "${text}" is not a positive number` });
      return z.NEVER;
    });
}

/** "Sí" → true, empty → null (unknown, never false), "No" → false. */
function feature(column: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return null;
      const lower = text.toLowerCase();
      if (YES.has(lower)) return true;
      if (NO.has(lower)) return false;
      ctx.addIssue({ code: 'custom', message: `${column} "${text}" should be "Sí" or empty` });
      return z.NEVER;
    });
}

/** One CSV record (header → cell) to a Car; cells are validated and names made canonical. */
export const CatalogRowSchema = z
  .object({
    stock_id: requiredText('stock_id'),
    km: requiredNumber('km').pipe(
      z.number().int({ error: 'km must be a whole number' }).nonnegative({ error: 'km cannot be negative' }),
    ),
    price: requiredNumber('price').pipe(z.number().positive({ error: 'price must be greater than 0' })),
    make: requiredText('make'),
    model: requiredText('model'),
    year: requiredNumber('year').pipe(
      z
        .number()
        .int({ error: 'year must be a whole number' })
        .min(1950, { error: 'year is before 1950' })
        .max(LATEST_YEAR, { error: `year is after ${LATEST_YEAR}` }),
    ),
    version: z.string().trim().optional(),
    bluetooth: feature('bluetooth'),
    car_play: feature('car_play'),
    largo: optionalNumber('largo'),
    ancho: optionalNumber('ancho'),
    altura: optionalNumber('altura'),
  })
  .transform((row): Car => {
    const make = makeName(row.make);
    const model = modelName(row.model);
    const version = (row.version ?? '').replace(/\s+/g, ' ');
    return {
      stockId: row.stock_id,
      km: row.km,
      priceCents: pesosToCents(row.price),
      make,
      model,
      year: row.year,
      version,
      bluetooth: row.bluetooth,
      carplay: row.car_play,
      transmission: gearbox(row.version ?? ''),
      lengthMm: row.largo,
      widthMm: row.ancho,
      heightMm: row.altura,
      ...bodyOf(`${make}\u0000${model}\u0000${version}`),
    };
  });

export type RowOutcome = { ok: true; car: Car } | { ok: false; message: string };

export function parseRow(record: Record<string, string | undefined>): RowOutcome {
  const result = CatalogRowSchema.safeParse(record);
  if (result.success) return { ok: true, car: result.data };
  return { ok: false, message: result.error.issues.map((issue) => issue.message).join('; ') };
}
