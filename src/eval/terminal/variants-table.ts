import type { VariantRun } from '../variants/variant-runs.js';
import { comparisonVerdict } from './comparison-table.js';
import { variantFigureRows } from '../variants/variant-figures.js';
import { pct, table } from './format.js';

/** The terminal the report must fit without wrapping. */
export const TERMINAL_COLUMNS = 80;
const MAX_CHANGES_LISTED = 10;
const NAME_WIDTH = 14;
const LABEL_WIDTH = 22;

/**
 * --variant's terminal section: the variants side by side (pass rate, each scorer's pass rate,
 * cost, latency), then each later variant paired with the first, case by case (McNemar's exact
 * test). Every line fits 80 columns: variants beyond what fits go to a second table.
 */
export function variantsTable(variants: readonly VariantRun[]): string {
  const [first] = variants;
  if (!first) return '';
  const sections = [legend(variants), ...sideBySide(variants)];
  for (const variant of variants.slice(1)) sections.push(pairedLines(variant, first.name));
  return sections.join('\n\n');
}

function legend(variants: readonly VariantRun[]): string {
  const lines = variants.map((v, i) => {
    const head = `  ${v.name}${i === 0 ? ' (first: compared with, gated)' : ''}: ${v.run.runtime} · ${v.run.model} · `;
    // The file's end names it; its start is the folder, clipped first.
    const room = TERMINAL_COLUMNS - [...head].length;
    const file = [...v.file];
    return head + (file.length <= room ? v.file : `…${file.slice(file.length - room + 1).join('')}`);
  });
  return [`Variants (${variants.length}), one judge for all:`, ...lines.map(fit)].join('\n');
}

function sideBySide(variants: readonly VariantRun[]): string[] {
  const rows = variantFigureRows(variants);
  const render = (group: readonly VariantRun[], title: string) =>
    table(
      title,
      ['', ...group.map((v) => clip(v.name, NAME_WIDTH))],
      rows.map((row) => [
        clip(row.scorer ? `  ${row.label}` : row.label, LABEL_WIDTH),
        ...group.map((v) => row.cells[variants.indexOf(v)]!),
      ]),
    );
  // As many variants per table as fit; the first variant heads every table, for reading across.
  const [first, ...rest] = variants;
  const tables: string[] = [];
  let group: VariantRun[] = [first!];
  const title = (n: number) => (n === 0 ? 'Variants side by side' : 'Variants side by side (continued)');
  for (const variant of rest) {
    const wider = [...group, variant];
    if (group.length > 1 && width(render(wider, '')) > TERMINAL_COLUMNS) {
      tables.push(render(group, title(tables.length)));
      group = [first!, variant];
    } else group = wider;
  }
  tables.push(render(group, title(tables.length)));
  return tables;
}

/** `b vs a`: what flipped, and whether the flips are more than noise. */
function pairedLines(variant: VariantRun, firstName: string): string {
  const c = variant.comparison;
  if (!c) return '';
  const { b, c: fixed, pValue } = c.mcnemar;
  const lines = [
    `${variant.name} vs ${firstName}: ${c.paired} paired cases, pass rate ${pct(c.passRateBefore)} → ${pct(c.passRateAfter)}`,
    `  ▼ ${b} newly failing · ▲ ${fixed} newly passing`,
    `  McNemar exact p = ${pValue.toFixed(4)}: ${comparisonVerdict(c)}`,
  ];
  const changes = [
    ...c.newlyFailing.map((ch) => `  ▼ ${ch.id}: ${ch.reasons[0] ?? ch.after}`),
    ...c.newlyPassing.map((ch) => `  ▲ ${ch.id}`),
  ];
  lines.push(...changes.slice(0, MAX_CHANGES_LISTED));
  if (changes.length > MAX_CHANGES_LISTED)
    lines.push(`  … ${changes.length - MAX_CHANGES_LISTED} more in report.html`);
  return lines.map(fit).join('\n');
}

function width(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length));
}

function fit(line: string): string {
  return clip(line, TERMINAL_COLUMNS);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
