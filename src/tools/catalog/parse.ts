import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { UserInputError } from '../../support/errors.js';
import { createCatalog } from './catalog.js';
import { compactKey } from '../text/normalize.js';
import { CATALOG_COLUMNS, parseRow, REQUIRED_COLUMNS } from './row.js';
import type { Car, Catalog, CatalogRowIssue } from './types.js';

const COLUMNS_HINT = `pass --catalog <file>: a CSV with the header ${CATALOG_COLUMNS.join(',')}`;

interface CsvRecord {
  cells: string[];
  /** 1-based line the record starts on. */
  line: number;
}

const newlines = (cell: string): number => (cell.includes('\n') ? cell.split('\n').length - 1 : 0);

/**
 * Records with the line each starts on. Empty lines are kept by the parser and counted here (
 * cheaper than csv-parse's per-record info), then dropped; a quoted cell may span lines.
 */
function readRecords(text: string, source: string): CsvRecord[] {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, bom: true });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new UserInputError(`${source} is not valid CSV: ${error.message}`, {
        hint: COLUMNS_HINT,
        cause: error,
      });
    }
    throw error;
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const cells of rows) {
    if (cells.some((cell) => cell.trim() !== '')) records.push({ cells, line });
    line += 1 + cells.reduce((sum, cell) => sum + newlines(cell), 0);
  }
  return records;
}

/** The same model written several ways ("FORTE", "Forte") shows its most common spelling. */
function unifyModelSpelling(cars: Car[]): Car[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const car of cars) {
    const key = `${car.make}|${compactKey(car.model)}`;
    const counts = spellings.get(key) ?? new Map<string, number>();
    counts.set(car.model, (counts.get(car.model) ?? 0) + 1);
    spellings.set(key, counts);
  }
  const preferred = new Map<string, string>();
  for (const [key, counts] of spellings) {
    // Map order is first-seen order, so ties go to the first spelling in the file.
    const [best] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
    preferred.set(key, best);
  }
  return cars.map((car) => {
    const model = preferred.get(`${car.make}|${compactKey(car.model)}`) ?? car.model;
    return model === car.model ? car : { ...car, model };
  });
}

/**
 * CSV text to a catalog: every row validated, bad rows reported by line (header = line 1) and
 * left out, good rows kept. A file that is not a catalog at all throws UserInputError.
 */
export function parseCatalog(csvText: string, source: string): Catalog {
  const [header, ...rows] = readRecords(csvText.replace(/\r\n?/g, '\n'), source);
  if (header === undefined) throw new UserInputError(`${source} is empty`, { hint: COLUMNS_HINT });
  const columns = header.cells.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new UserInputError(`${source} has no column ${missing.join(', ')} (found: ${columns.join(', ')})`, {
      hint: COLUMNS_HINT,
    });
  }

  const cars: Car[] = [];
  const issues: CatalogRowIssue[] = [];
  const lineOfStockId = new Map<string, number>();
  for (const { cells, line } of rows) {
    if (cells.length > columns.length && cells.slice(columns.length).some((cell) => cell.trim() !== '')) {
      issues.push({ line, message: `has ${cells.length} fields but the header has ${columns.length}` });
      continue;
    }
    const record: Record<string, string | undefined> = {};
    columns.forEach((column, i) => (record[column] = cells[i]));
    const outcome = parseRow(record);
    if (!outcome.ok) {
      issues.push({ line, message: outcome.message });
      continue;
    }
    const firstLine = lineOfStockId.get(outcome.car.stockId);
    if (firstLine !== undefined) {
      issues.push({
        line,
        message: `stock_id ${outcome.car.stockId} repeats line ${firstLine}; the first is kept`,
      });
      continue;
    }
    lineOfStockId.set(outcome.car.stockId, line);
    cars.push(outcome.car);
  }
  return createCatalog({ source, cars: unifyModelSpelling(cars), issues });
}

/** Reads and parses a catalog file; a missing or unreadable file is the user's to fix. */
export async function loadCatalog(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UserInputError(`Catalog file ${path} ${what}`, { hint: COLUMNS_HINT, cause: error });
  }
  return parseCatalog(text, path);
}
