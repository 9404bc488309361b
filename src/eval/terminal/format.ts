import { NO_PRICE, type CostUsd } from '../../core/trace/cost.js';
import Table from 'cli-table3';

/**
 * A plain table (no colours, so CI logs and pipes stay readable). Figures are right-aligned:
 * every column but the first, unless `textColumns` names it.
 */
export function table(
  title: string,
  head: string[],
  rows: (string | number)[][],
  textColumns: number[] = [],
): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i === 0 || textColumns.includes(i) ? 'left' : 'right')),
  });
  t.push(...rows);
  return `${title}\n${t.toString()}`;
}

export function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** Small sums need more digits than cents to be worth showing. */
export function usd(amount: CostUsd): string {
  if (amount === null) return NO_PRICE;
  if (amount === 0) return '$0';
  return amount >= 1 ? `$${amount.toFixed(2)}` : `$${amount.toFixed(5)}`;
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
