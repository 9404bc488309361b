import { comparisonVerdict } from '../../terminal/comparison-table.js';
import { variantFigureRows } from '../../variants/variant-figures.js';
import type { VariantRun } from '../../variants/variant-runs.js';
import { mdCell, mdCode } from './escape.js';

const MAX_CHANGES_LISTED = 10;

/** summary.md's --variant section: the figures side by side and each later variant paired with the first. */
export function renderVariantsMarkdown(variants: readonly VariantRun[]): string {
  const [first] = variants;
  if (!first) return '';
  const rows = variantFigureRows(variants).map(
    (r) => `| ${r.scorer ? '&nbsp;&nbsp;' : ''}${mdCell(r.label)} | ${r.cells.map(mdCell).join(' | ')} |`,
  );
  const lines = [
    `## Variants (${variants.length})`,
    '',
    `The first, ${mdCode(first.name)}, is compared with and gated; one judge for all.`,
    '',
    `| | ${variants.map((v) => mdCode(v.name)).join(' | ')} |`,
    `|---|${variants.map(() => '---:').join('|')}|`,
    ...rows,
    '',
  ];
  for (const v of variants.slice(1)) {
    const c = v.comparison;
    if (!c) continue;
    lines.push(
      `**${mdCell(v.name)} vs ${mdCell(first.name)}:** ${c.newlyFailing.length} newly failing, ${c.newlyPassing.length} newly passing over ${c.paired} paired cases; McNemar exact p = ${c.mcnemar.pValue.toFixed(4)} (${comparisonVerdict(c)}).`,
      '',
    );
    const changes = [
      ...c.newlyFailing.map((x) => `- ▼ ${mdCode(x.id)} ${mdCell(x.reasons[0] ?? x.after)}`),
      ...c.newlyPassing.map((x) => `- ▲ ${mdCode(x.id)}`),
    ];
    if (changes.length) lines.push(...changes.slice(0, MAX_CHANGES_LISTED), '');
    if (changes.length > MAX_CHANGES_LISTED)
      lines.push(`_${changes.length - MAX_CHANGES_LISTED} more in report.html._`, '');
  }
  return lines.join('\n');
}
