import type { Comparison } from '../../compare/compare-runs.js';
import { SIGNIFICANCE_LEVEL } from '../../compare/compare-runs.js';
import type { RunResult } from '../../results/schema.js';
import { int, ms, pct, usd } from '../../terminal/format.js';
import type { ReportFigures } from '../aggregate.js';
import { cacheSummaryLine } from '../cache-notes.js';
import { rateClass } from './charts.js';
import { escapeHtml as e } from './escape.js';
import { plural } from '../plural.js';

/** The static parts of report.html, rendered on the server from the run's figures. */

export function headerHtml(run: RunResult): string {
  const sub = [
    `run <code>${e(run.runId)}</code>`,
    e(run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')),
    run.gitCommit ? `commit <code>${e(run.gitCommit.slice(0, 10))}</code>` : null,
    `agent ${e(run.runtime)} · ${e(run.model)}`,
    `judge ${e(run.judge.runtime)} · ${e(run.judge.model)} ×${run.judge.samples}`,
    run.cache ? e(cacheSummaryLine(run.cache)) : null,
  ].filter((s): s is string => s !== null);
  return `<header class="top"><h1>kavak eval</h1><div class="sub">${sub.join(' · ')}</div></header>`;
}

export function figuresHtml(f: ReportFigures): string {
  const tone = rateClass(f.passRate).replace('bar-', '');
  const judge =
    f.judges.state === 'skipped'
      ? { value: 'skipped', note: `${plural(f.judges.skipped, 'judge score')}: no judge model` }
      : f.judges.state === 'none'
        ? { value: '—', note: 'no judge in this run' }
        : {
            value: `${f.judges.ran} ran`,
            note:
              [
                f.judges.skipped ? `${f.judges.skipped} skipped` : '',
                f.judges.uncertain ? `${f.judges.uncertain} uncertain` : '',
              ]
                .filter(Boolean)
                .join(' · ') || `${usd(f.judge.costUsd)} judge cost`,
          };
  const cards = [
    card(
      'pass rate',
      `<span id="pass-rate" class="${tone}">${pct(f.passRate)}</span>`,
      `${f.passed} of ${f.cases} cases passed`,
      'big',
    ),
    card(
      'cases',
      `<span id="case-count">${f.cases}</span>`,
      `${f.failed} failed · ${plural(f.errors, 'error')}`,
    ),
    card('turns', int(f.turns), `${f.criticalFailures.length} critical failed`),
    card('latency', `${ms(f.latency.p50)}`, `per turn, p50 · p95 ${ms(f.latency.p95)}`),
    card('cost', usd(f.costUsd), `agent ${usd(f.agent.costUsd)} · judge ${usd(f.judge.costUsd)}`),
    card(
      'tokens / turn',
      int(f.perTurn.agent.inputTokens + f.perTurn.agent.outputTokens),
      `agent · judge ${int(f.perTurn.judge.inputTokens + f.perTurn.judge.outputTokens)}`,
    ),
    card('judges', e(judge.value), e(judge.note)),
    card('duration', ms(f.durationMs), f.stopped ? `stopped: ${e(f.stopped)}` : 'wall time'),
  ];
  return `<div class="figures">${cards.join('')}</div>`;
}

function card(label: string, valueHtml: string, noteHtml: string, extra = ''): string {
  return `<div class="figure ${extra}"><div class="label">${label}</div><div class="value">${valueHtml}</div><div class="note">${noteHtml}</div></div>`;
}

export function comparisonHtml(c: Comparison): string {
  const { b, c: fixed, pValue } = c.mcnemar;
  const tone = c.significantRegression ? 'bad' : c.newlyFailing.length ? '' : 'ok';
  const verdict = c.significantRegression
    ? `<b>significant regression</b> (p &lt; ${SIGNIFICANCE_LEVEL})`
    : c.newlyFailing.length
      ? `not significant (p ≥ ${SIGNIFICANCE_LEVEL}): could be noise`
      : 'no regression';
  const failing = c.newlyFailing
    .map(
      (x) => `<li><code>${e(x.id)}</code> ${e(x.title)}${x.reasons[0] ? ` — ${e(x.reasons[0])}` : ''}</li>`,
    )
    .join('');
  return (
    `<div class="banner ${tone}" id="comparison"><b>vs baseline <code>${e(c.baseline.runId)}</code>:</b> ` +
    `${c.newlyFailing.length} newly failing, ${c.newlyPassing.length} newly passing over ${c.paired} paired cases ` +
    `(${pct(c.passRateBefore)} → ${pct(c.passRateAfter)}). McNemar exact: b = ${b}, c = ${fixed}, p = ${pValue.toFixed(3)} → ${verdict}.` +
    (failing ? `<ul>${failing}</ul>` : '') +
    `</div>`
  );
}

export function criticalHtml(f: ReportFigures): string {
  if (f.criticalFailures.length === 0) return '';
  const items = f.criticalFailures
    .map(
      (x) =>
        `<li><code>${e(x.caseId)}</code> turn ${x.turn} (${e(x.why)}): ${e(x.reasons.join('; ') || 'failed')}</li>`,
    )
    .join('');
  return `<div class="banner bad" id="critical"><b>⚠ ${f.criticalFailures.length} critical turn${f.criticalFailures.length === 1 ? '' : 's'} failed</b> — these fail the run whatever the pass rate.<ul>${items}</ul></div>`;
}

/** Above the case list: the page opens on the failing cases, so it says they come first. */
export function casesHeadingHtml(f: ReportFigures): string {
  const failing = f.failed + f.errors;
  const note = failing
    ? `${plural(failing, 'failing case')} first, expanded; the ${plural(f.passed, 'passing case')} after, collapsed`
    : `all ${plural(f.cases, 'case')} passed`;
  return `<h2 class="cases-heading" id="cases-heading">Cases <span class="note">· ${note}</span></h2>`;
}

export function scorerTableHtml(f: ReportFigures): string {
  if (f.byScorer.length === 0) return '<p class="chart-empty">No scores recorded.</p>';
  const rows = f.byScorer
    .map(
      (r) =>
        `<tr><td>${e(r.name)}</td><td>${r.passed}</td><td>${r.total}</td>` +
        `<td>${r.total ? `<span class="${rateClass(r.passRate).replace('bar-', '')}">${pct(r.passRate)}</span>` : '<i>skipped</i>'}</td>` +
        `<td>${r.total ? r.meanScore.toFixed(2) : '—'}</td><td>${r.skipped || ''}</td><td>${r.uncertain || ''}</td></tr>`,
    )
    .join('');
  return `<table class="grid" id="scorer-table"><thead><tr><th>scorer</th><th>passed</th><th>scored</th><th>pass rate</th><th>mean score</th><th>skipped</th><th>uncertain</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export const FILTERS_HTML = `<div class="filters" role="search">
<label>tag <select id="filter-tag"><option value="">all tags</option></select></label>
<label>status <select id="filter-status"><option value="">all</option><option value="failing">failing (failed + error)</option><option value="passed">passed</option><option value="failed">failed</option><option value="error">error</option><option value="critical">critical failure</option></select></label>
<label>scorer <select id="filter-scorer"><option value="">any scorer</option></select></label>
<input type="search" id="filter-search" placeholder="Search ids, titles, messages…" aria-label="search">
<button type="button" id="expand-all">expand all</button><button type="button" id="collapse-all">collapse all</button>
<span id="shown-count"></span>
</div>`;
