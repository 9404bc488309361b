import type { Comparison } from '../compare/compare-runs.js';
import { pct, table } from './format.js';
import type { TerminalLayout } from './terminal-layout.js';

const MAX_LISTED = 15;

/** Regressions first: what broke, what got fixed, and whether the difference is noise. */
export function comparisonTable(comparison: Comparison, layout: TerminalLayout): string {
  const { style } = layout;
  const { b, c, pValue } = comparison.mcnemar;
  const verdict = comparisonVerdict(comparison);
  const overview = table(
    `Compared with ${comparison.baseline.runId}${comparison.baseline.gitCommit ? ` (${comparison.baseline.gitCommit.slice(0, 8)})` : ''}`,
    ['', 'value'],
    [
      ['paired cases', comparison.paired],
      ['pass rate', `${pct(comparison.passRateBefore)} → ${pct(comparison.passRateAfter)}`],
      ['newly failing (b)', b],
      ['newly passing (c)', c],
      ["McNemar's exact p", pValue.toFixed(4)],
      ['verdict', comparison.significantRegression ? style.fail(verdict) : verdict],
      ...(comparison.onlyInBaseline.length ? [['only in baseline', comparison.onlyInBaseline.length]] : []),
      ...(comparison.onlyInCurrent.length ? [['new cases', comparison.onlyInCurrent.length]] : []),
    ],
    [],
    layout.width,
  );
  const changes = [
    ...comparison.newlyFailing.map((ch) => [
      style.fail('▼ fails now'),
      ch.id,
      `${ch.scoreBefore.toFixed(2)} → ${ch.scoreAfter.toFixed(2)}`,
      ch.reasons[0] ?? '',
    ]),
    ...comparison.newlyPassing.map((ch) => [
      style.pass('▲ passes now'),
      ch.id,
      `${ch.scoreBefore.toFixed(2)} → ${ch.scoreAfter.toFixed(2)}`,
      '',
    ]),
  ];
  if (changes.length === 0) return overview;
  const shown = changes.slice(0, MAX_LISTED);
  const more = changes.length > MAX_LISTED ? ` (first ${MAX_LISTED} of ${changes.length})` : '';
  const changed = table(
    `Changed cases${more}`,
    ['change', 'case', 'score', 'why'],
    shown,
    [1, 3],
    layout.width,
  );
  return `${overview}\n\n${changed}`;
}

/** The McNemar test's reading, in words. */
export function comparisonVerdict(comparison: Comparison): string {
  const { b, c, pValue } = comparison.mcnemar;
  if (comparison.significantRegression) return 'significant regression';
  if (b + c === 0) return 'no case changed';
  return pValue < 0.05 ? 'significant improvement' : 'within noise';
}
