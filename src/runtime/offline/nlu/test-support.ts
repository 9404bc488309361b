import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { HistoryTurn } from '../../../core/tasks.js';
import type { Vocabulary } from './vocabulary.js';

/** The repo's sample catalog, read as the catalog tool's vocabulary would be (make and model names). */
export function catalogVocabulary(): Vocabulary {
  const csv = readFileSync(new URL('../../../../data/catalog.csv', import.meta.url), 'utf8');
  const rows = parse<{ make: string; model: string }>(csv, { columns: true, skip_empty_lines: true });
  const models = new Map(rows.map((r) => [`${r.make}|${r.model}`, { make: r.make, model: r.model }]));
  return { makes: [...new Set(rows.map((r) => r.make))], models: [...models.values()] };
}

/** A history where the agent said `agent` last. */
export function afterAgent(agent: string, customer?: string): HistoryTurn[] {
  return [...(customer ? [{ role: 'customer' as const, text: customer }] : []), { role: 'agent' as const, text: agent }];
}
