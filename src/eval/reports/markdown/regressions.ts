import type { Comparison } from '../../compare/compare-runs.js';
import { SIGNIFICANCE_LEVEL } from '../../compare/compare-runs.js';
import { pct } from '../../terminal/format.js';
import { mdCell, mdCode, mdText, truncate } from './escape.js';

/** Rows of score drops shown; the rest are in results.json. */
export const MAX_SCORE_DELTAS = 10;

/** The comparison with the baseline: newly failing cases first, then the test's verdict. */
export function renderRegressions(comparison: Comparison): string {
  const { mcnemar, newlyFailing, newlyPassing } = comparison;
  const verdict = comparison.significantRegression
    ? `**significant regression** (p < ${SIGNIFICANCE_LEVEL})`
    : newlyFailing.length === 0
      ? 'no regression'
      : `**not significant** (p ≥ ${SIGNIFICANCE_LEVEL}): the drop could be noise`;
  const lines = [
    `## ${comparison.significantRegression ? '🔻' : newlyFailing.length ? '⚠️' : '✅'} Regressions vs ${mdCode(comparison.baseline.runId)}`,
    '',
    `**${newlyFailing.length} newly failing, ${newlyPassing.length} newly passing** over ${comparison.paired} paired cases ` +
      `(pass rate ${pct(comparison.passRateBefore)} → ${pct(comparison.passRateAfter)}). ` +
      `McNemar exact test: b = ${mcnemar.b}, c = ${mcnemar.c}, p = ${mcnemar.pValue.toFixed(3)} → ${verdict}.`,
    '',
    `Baseline: ${mdText(comparison.baseline.runtime)} · ${mdText(comparison.baseline.model)}` +
      (comparison.baseline.gitCommit
        ? ` · commit ${mdCode(comparison.baseline.gitCommit.slice(0, 10))}`
        : ''),
    '',
  ];
  if (newlyFailing.length) {
    lines.push('| newly failing | was | now | score | why |', '|---|---|---|---:|---|');
    for (const c of newlyFailing) {
      const why = c.reasons.length
        ? c.reasons
            .slice(0, 3)
            .map((r) => mdCell(truncate(r, 200)))
            .join('<br>')
        : '—';
      const more = c.reasons.length > 3 ? `<br>… ${c.reasons.length - 3} more` : '';
      lines.push(
        `| ${mdCode(c.id)} ${mdCell(c.title)} | ${c.before} | ${c.after} | ${c.scoreBefore.toFixed(2)} → ${c.scoreAfter.toFixed(2)} | ${why}${more} |`,
      );
    }
    lines.push('');
  }
  if (newlyPassing.length)
    lines.push(`Newly passing: ${newlyPassing.map((c) => mdCode(c.id)).join(', ')}.`, '');
  const drops = comparison.scoreDeltas.filter((d) => d.delta < 0).slice(0, MAX_SCORE_DELTAS);
  if (drops.length) {
    lines.push(
      `Largest score drops: ${drops.map((d) => `${mdCode(d.id)} ${d.before.toFixed(2)} → ${d.after.toFixed(2)}`).join(', ')}.`,
      '',
    );
  }
  const only = [
    comparison.onlyInCurrent.length
      ? `${comparison.onlyInCurrent.length} new cases not in the baseline`
      : null,
    comparison.onlyInBaseline.length
      ? `${comparison.onlyInBaseline.length} baseline cases not run now`
      : null,
  ].filter((s): s is string => s !== null);
  if (only.length) lines.push(`Not compared: ${only.join('; ')}.`, '');
  return lines.join('\n');
}
