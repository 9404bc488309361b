import type { Comparison } from '../compare/compare-runs.js';
import type { CaseOutcome, RunResult } from '../results/schema.js';
import { ms, pct, usd } from '../terminal/format.js';
import { cacheSummaryLine } from './cache-notes.js';
import { aggregateRun, hasCriticalFailure, type ReportFigures } from './aggregate.js';
import { renderCaseChat } from './markdown/case-chat.js';
import { mdCode, mdText } from './markdown/escape.js';
import { renderRegressions } from './markdown/regressions.js';
import { figuresTable, rateTable, scorerTable } from './markdown/tables.js';
import { plural } from './plural.js';
import { renderVariantsMarkdown } from './markdown/variants.js';
import type { VariantRun } from '../variants/variant-runs.js';

/** Failing cases rendered as chats; the rest are listed by id. */
export const MAX_FAILING_CASES = 20;
/** GitHub refuses comments over 65,536 characters: stop rendering chats well before that. */
export const MAX_CHATS_CHARS = 40_000;

/**
 * summary.md, fit to paste into a pull request: the verdict line, regressions first (when
 * compared with a baseline), failing cases as WhatsApp chats, then tables by tag, scorer and
 * intent, and the run's figures. Pure: same run, same text.
 */
export function renderSummaryMarkdown(
  run: RunResult,
  comparison?: Comparison,
  variants?: readonly VariantRun[],
): string {
  const f = aggregateRun(run);
  const critical = f.criticalFailures.length;
  const icon = f.failed + f.errors === 0 ? '✅' : '❌';
  const parts: string[] = [
    `# ${icon} kavak eval · ${pct(f.passRate)} passed (${f.passed}/${f.cases} cases)`,
    '',
    [
      `**${f.passed} passed · ${f.failed} failed · ${plural(f.errors, 'error')}**`,
      plural(f.turns, 'turn'),
      critical ? `🚨 **${critical} critical turn${critical === 1 ? '' : 's'} failed**` : null,
      `agent ${mdText(run.runtime)} · ${mdText(run.model)}`,
      judgeShort(run, f),
      `cost ${usd(f.costUsd)}`,
      run.cache ? cacheSummaryLine(run.cache) : null,
      `latency p50 ${ms(f.latency.p50)} · p95 ${ms(f.latency.p95)}`,
    ]
      .filter((s): s is string => s !== null)
      .join(' · '),
    '',
  ];
  if (f.stopped) parts.push(`> [!WARNING]\n> The run stopped early: ${f.stopped}`, '');
  if (variants) parts.push(renderVariantsMarkdown(variants));
  if (comparison) parts.push(renderRegressions(comparison));
  parts.push(renderFailingCases(run.cases, comparison));
  parts.push('## By tag', '', rateTable('tag', 'cases', f.byTag), '');
  parts.push('## By scorer', '', scorerTable(f), '');
  parts.push('## By intent (turns)', '', rateTable('intent', 'turns', f.byIntent), '');
  parts.push('## Run', '', figuresTable(run, f), '');
  parts.push('<sub>Full conversations, scores and traces: report.html · everything: results.json</sub>', '');
  return parts.join('\n');
}

function renderFailingCases(cases: CaseOutcome[], comparison?: Comparison): string {
  const newlyFailing = new Set(comparison?.newlyFailing.map((c) => c.id) ?? []);
  const failing = cases
    .filter((c) => c.status !== 'passed')
    .map((c) => ({ c, rank: rank(c, newlyFailing.has(c.id)) }))
    .sort((a, b) => a.rank - b.rank || a.c.id.localeCompare(b.c.id))
    .map(({ c }) => c);
  if (failing.length === 0) return '## Failing cases\n\nNone: every case passed. 🎉\n';

  const lines = [`## Failing cases (${failing.length})`, ''];
  let used = 0;
  let shown = 0;
  for (const outcome of failing) {
    if (shown >= MAX_FAILING_CASES) break;
    const chat = renderCaseChat(outcome, { newlyFailing: newlyFailing.has(outcome.id) });
    if (shown > 0 && used + chat.length > MAX_CHATS_CHARS) break;
    lines.push(chat, '---', '');
    used += chat.length;
    shown += 1;
  }
  const rest = failing.slice(shown);
  if (rest.length) {
    lines.push(
      `_${rest.length} more failing case${rest.length === 1 ? '' : 's'} not shown here (see report.html):_ ` +
        rest.map((c) => mdCode(c.id)).join(', '),
      '',
    );
  }
  return lines.join('\n');
}

/** Regressions first, then critical failures, plain failures, and crashes. */
function rank(outcome: CaseOutcome, newlyFailing: boolean): number {
  if (newlyFailing) return 0;
  if (hasCriticalFailure(outcome)) return 1;
  return outcome.status === 'failed' ? 2 : 3;
}

function judgeShort(run: RunResult, f: ReportFigures): string {
  const model = `${mdText(run.judge.runtime)} · ${mdText(run.judge.model)}`;
  switch (f.judges.state) {
    case 'none':
      return 'no judges';
    case 'skipped':
      return `⏭️ judges skipped (no judge model on ${mdText(run.judge.runtime)})`;
    case 'partly-skipped':
      return `judge ${model} (⏭️ ${f.judges.skipped} skipped)`;
    case 'ran':
      return `judge ${model}`;
  }
}
