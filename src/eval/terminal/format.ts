import { NO_PRICE, type CostUsd } from '../../core/trace/cost.js';
import Table from 'cli-table3';
import { clipToWidth, fitColumnWidths } from './fit-text.js';

/**
 * A table without colours of its own (cells may carry them). Figures are right-aligned: every
 * column but the first, unless `textColumns` names it. Given a `width`, the table and its title
 * fit in it: long text cells end in an ellipsis instead of wrapping.
 */
export function table(
  title: string,
  head: string[],
  rows: (string | number)[][],
  textColumns: number[] = [],
  width = Infinity,
): string {
  const isText = (i: number) => i === 0 || textColumns.includes(i);
  const cells = rows.map((row) => row.map(String));
  const colWidths = Number.isFinite(width) ? fitColumnWidths(head, cells, isText, width) : undefined;
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (isText(i) ? 'left' : 'right')),
    ...(colWidths ? { colWidths, wordWrap: false } : {}),
  });
  t.push(...cells);
  return `${Number.isFinite(width) ? clipToWidth(title, width) : title}\n${t.toString()}`;
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
