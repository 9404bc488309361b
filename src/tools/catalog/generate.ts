import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvCell } from '../../support/csv-cell.js';
import { DEFAULT_CATALOG_PATH } from './paths.js';
import { CATALOG_COLUMNS } from './row.js';

type RawRow = Record<string, string>;

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One synthetic car from a template row: another year, km and price in proportion, a new stock id. */
function perturb(template: RawRow, stockId: number, random: () => number, latestYear: number): RawRow {
  const shift = Math.floor(random() * 5) - 2; // −2 … +2 years
  const year = Math.min(Number(template.year) + shift, latestYear);
  const age = year - Number(template.year);
  const km = Math.max(500, Math.round(Number(template.km) * (0.6 + random() * 0.8) * (1 - 0.12 * age)));
  const price = Number(template.price) * (0.9 + random() * 0.2) * (1 + 0.07 * age);
  const shout = random() < 0.05; // some rows in capitals, as real exports have
  return {
    ...template,
    stock_id: String(stockId),
    km: String(km),
    price: `${Math.max(1, Math.round(price / 1000)) * 1000 - 1}.0`,
    year: String(year),
    make: shout ? (template.make ?? '').toUpperCase() : (template.make ?? ''),
    model: shout ? (template.model ?? '').toUpperCase() : (template.model ?? ''),
  };
}

/**
 * A synthetic catalog with the sample's columns, `rows` cars long, by sampling and perturbing
 * the template rows (the bundled sample unless `templateCsv` is given). Same seed, same text.
 */
export function generateCatalogCsv(rows: number, seed: number, templateCsv?: string): string {
  const templates = parse<RawRow>(templateCsv ?? readFileSync(DEFAULT_CATALOG_PATH, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  if (templates.length === 0) throw new Error('generateCatalogCsv needs at least one template row');
  const latestYear = Math.max(...templates.map((row) => Number(row.year)).filter(Number.isFinite));
  const random = seededRandom(seed);
  const lines = [CATALOG_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const template = templates[Math.floor(random() * templates.length)]!;
    const row = perturb(template, 400_000 + i, random, latestYear);
    lines.push(CATALOG_COLUMNS.map((column) => csvCell(row[column] ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
