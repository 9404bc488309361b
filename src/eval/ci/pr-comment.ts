import type { Comparison } from '../compare/compare-runs.js';
import type { GateVerdict } from '../runner/gate.js';

/** Finds the workflow's own comment again, so each push edits it instead of adding one. */
export const PR_COMMENT_MARKER = '<!-- kavak-eval:prompt-eval -->';

/** GitHub rejects an issue or pull-request comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The most changed files listed; a large refactor should not push the summary out. */
const MAX_LISTED_CHANGES = 30;

export interface PrCommentInput {
  /** summary.md of the run; absent when nothing was run. */
  summaryMarkdown?: string;
  /** What --changed-prompts selected, as printed in the terminal. */
  selectionLines: readonly string[];
  comparison?: Comparison;
  verdict?: GateVerdict;
  /** Default GITHUB_COMMENT_LIMIT; smaller in tests. */
  limit?: number;
}

function gateLines(verdict: GateVerdict | undefined): string[] {
  if (!verdict) return [];
  if (verdict.pass) return ['**Gate: ✅ passed**', ''];
  return ['**Gate: ❌ failed**', '', ...verdict.failures.map((failure) => `- ${failure}`), ''];
}

function comparisonLines(comparison: Comparison | undefined): string[] {
  if (!comparison) return [];
  const { b, c, pValue } = comparison.mcnemar;
  const commit = comparison.baseline.gitCommit ? ` (${comparison.baseline.gitCommit.slice(0, 8)})` : '';
  const notRun = comparison.onlyInBaseline.length;
  const fresh = comparison.onlyInCurrent.length;
  const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
  return [
    `**Compared with main's last run** \`${comparison.baseline.runId}\`${commit}: ` +
      `${comparison.paired} cases present in both runs compared` +
      (notRun ? `; ${notRun} baseline cases not run here` : '') +
      (fresh ? `; ${fresh} cases new since the baseline` : '') +
      `. Pass rate ${pct(comparison.passRateBefore)} → ${pct(comparison.passRateAfter)}, ` +
      `${b} newly failing, ${c} newly passing (McNemar p = ${pValue.toFixed(4)})` +
      (comparison.significantRegression ? ' — **significant regression**.' : '.'),
    '',
  ];
}

function selectionBlock(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const [head, ...rest] = lines;
  const total = rest.at(-1);
  const changes = rest.slice(0, -1).map((line) => `- ${line.trim()}`);
  const shown = changes.slice(0, MAX_LISTED_CHANGES);
  if (changes.length > shown.length) shown.push(`- … and ${changes.length - shown.length} more`);
  if (total === undefined) return [head ?? '', ''];
  return [
    `<details><summary>${escapeHtml(total)}</summary>`,
    '',
    head ?? '',
    '',
    ...shown,
    '',
    '</details>',
    '',
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts markdown to at most `max` characters at a line break, and closes a code fence or a
 * <details> the cut left open so the rest of the comment still renders.
 */
function cutMarkdown(markdown: string, max: number): string {
  const closers = '\n```\n</details>\n';
  let kept = markdown.slice(0, Math.max(0, max - closers.length));
  const lastBreak = kept.lastIndexOf('\n');
  if (lastBreak > 0) kept = kept.slice(0, lastBreak);
  const fences = kept.split('\n').filter((line) => line.trimStart().startsWith('```')).length;
  if (fences % 2 === 1) kept += '\n```';
  const opened = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < opened; i++) kept += '\n</details>';
  return kept;
}

/**
 * The pull-request comment: the marker, the gate, the comparison with main, what was selected
 * and why, then summary.md — cut with a note when the whole would pass GitHub's limit.
 */
export function buildPrComment(input: PrCommentInput): string {
  const limit = input.limit ?? GITHUB_COMMENT_LIMIT;
  const head = [
    PR_COMMENT_MARKER,
    '## kavak eval · prompt changes',
    '',
    ...gateLines(input.verdict),
    ...comparisonLines(input.comparison),
    ...selectionBlock(input.selectionLines),
  ].join('\n');
  const summary = input.summaryMarkdown ?? '_No case was run._\n';
  const whole = `${head}\n${summary}`;
  if (whole.length <= limit) return whole;
  const note = (kept: number) =>
    `\n\n> [!NOTE]\n> summary.md was cut to ${kept.toLocaleString('en-US')} of ` +
    `${summary.length.toLocaleString('en-US')} characters to fit GitHub's ` +
    `${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit; the whole report is in ` +
    "the workflow run's artifacts.\n";
  // The note's own length depends on the numbers in it: reserve room for the longest.
  const room = limit - head.length - 1 - note(summary.length).length;
  const kept = cutMarkdown(summary, room);
  return `${head}\n${kept}${note(kept.length)}`;
}
