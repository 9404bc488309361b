import { sumCosts } from '../../../core/trace/cost.js';
import type { CaseOutcome } from '../../results/schema.js';
import { comparisonVerdict } from '../../terminal/comparison-table.js';
import { ms, usd } from '../../terminal/format.js';
import { variantFigureRows } from '../../variants/variant-figures.js';
import type { VariantRun } from '../../variants/variant-runs.js';
import { escapeHtml as e } from './escape.js';

/** How two variants' takes on one case differ; the ones that differ most come first. */
type Difference = 'status' | 'reply' | 'same';
const ORDER: Record<Difference, number> = { status: 0, reply: 1, same: 2 };
const LABEL: Record<Difference, string> = {
  status: 'pass/fail differs',
  reply: 'replies differ',
  same: 'same replies',
};

/**
 * report.html's --variant section, rendered on the server (no script needed): the figures side
 * by side, each later variant paired with the first, then every case with each variant's
 * replies, scores, cost and latency in columns — cases whose pass/fail differs first, then
 * those whose replies differ.
 */
export function variantsSectionHtml(variants: readonly VariantRun[]): string {
  if (variants.length === 0) return '';
  const rows = variantFigureRows(variants)
    .map(
      (r) =>
        `<tr><td>${r.scorer ? '&nbsp;&nbsp;' : ''}${e(r.label)}</td>${r.cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  const head = variants.map((v) => `<th title="${e(v.file)}">${e(v.name)}</th>`).join('');
  const figures = `<table class="grid" id="variants-table"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  const cases = variantCases(variants);
  const count = (d: Difference) => cases.filter((c) => c.difference === d).length;
  return `<section class="card" id="variants" style="margin-top:16px"><h2>Variants side by side (${variants.length})</h2>
<p class="sub">The first variant, <b>${e(variants[0]!.name)}</b>, is the one compared with and gated; every variant had the same judge.</p>
${figures}
${variants
  .slice(1)
  .map((v) => pairedHtml(v, variants[0]!.name))
  .join('\n')}
</section>
<section class="card" id="variant-cases"><h2>Cases by variant: ${count('status')} differ in pass/fail, ${count('reply')} in replies only, ${count('same')} the same</h2>
${cases.map((c) => caseHtml(c, variants)).join('\n')}
</section>`;
}

function pairedHtml(variant: VariantRun, firstName: string): string {
  const c = variant.comparison;
  if (!c) return '';
  const tone = c.significantRegression ? 'bad' : c.newlyFailing.length ? '' : 'ok';
  const list = [
    ...c.newlyFailing.map((x) => `<li>▼ <code>${e(x.id)}</code> ${e(x.reasons[0] ?? x.after)}</li>`),
    ...c.newlyPassing.map((x) => `<li>▲ <code>${e(x.id)}</code></li>`),
  ].join('');
  return (
    `<div class="banner ${tone} variant-pair"><b>${e(variant.name)} vs ${e(firstName)}:</b> ` +
    `${c.newlyFailing.length} newly failing, ${c.newlyPassing.length} newly passing over ${c.paired} paired cases. ` +
    `McNemar exact p = ${c.mcnemar.pValue.toFixed(4)}: ${e(comparisonVerdict(c))}.` +
    (list ? `<ul>${list}</ul>` : '') +
    `</div>`
  );
}

interface VariantCase {
  id: string;
  title: string;
  /** One per variant; undefined when the variant never ran the case (a --max-cost stop). */
  outcomes: (CaseOutcome | undefined)[];
  difference: Difference;
}

function variantCases(variants: readonly VariantRun[]): VariantCase[] {
  const byId = variants.map((v) => new Map(v.run.cases.map((c) => [c.id, c])));
  const ids = [...new Set(variants.flatMap((v) => v.run.cases.map((c) => c.id)))];
  return ids
    .map((id, order) => {
      const outcomes = byId.map((cases) => cases.get(id));
      const known = outcomes.find((o) => o !== undefined)!;
      return { id, title: known.title, outcomes, difference: differenceOf(outcomes), order };
    })
    .sort((a, b) => ORDER[a.difference] - ORDER[b.difference] || a.order - b.order);
}

function differenceOf(outcomes: (CaseOutcome | undefined)[]): Difference {
  const statuses = new Set(outcomes.map((o) => o?.status ?? 'not run'));
  if (statuses.size > 1) return 'status';
  const replies = new Set(outcomes.map((o) => o?.turns.map((t) => t.reply).join('\u0000')));
  return replies.size > 1 ? 'reply' : 'same';
}

function caseHtml(c: VariantCase, variants: readonly VariantRun[]): string {
  const pills = c.outcomes
    .map(
      (o, i) =>
        `<span class="pill ${o?.status ?? 'error'}">${e(variants[i]!.name)}: ${o?.status ?? 'not run'}</span>`,
    )
    .join(' ');
  const columns = c.outcomes.map((o, i) => columnHtml(variants[i]!.name, o)).join('');
  const open = c.difference === 'status' ? ' open' : '';
  return `<details class="case variant-case" data-difference="${c.difference}"${open}><summary><span class="case-id">${e(c.id)}</span> <span class="case-title">${e(c.title)}</span> ${pills} <span class="case-meta">${LABEL[c.difference]}</span></summary>
<div style="display:grid;grid-template-columns:repeat(${c.outcomes.length},minmax(0,1fr));gap:8px;padding:0 8px 8px">${columns}</div></details>`;
}

function columnHtml(name: string, outcome: CaseOutcome | undefined): string {
  if (!outcome) return `<div class="variant-column"><h3>${e(name)}</h3><p class="empty">not run</p></div>`;
  const cost = sumCosts(outcome.turns.flatMap((t) => [t.costUsd, t.judgeCostUsd]));
  const head = `<h3 style="font-size:13px;margin:8px 0 4px">${e(name)} · ${e(outcome.status)} · ${usd(cost)} · ${ms(outcome.latencyMs)}</h3>`;
  const error = outcome.error ? `<div class="case-error">${e(outcome.error)}</div>` : '';
  const turns = outcome.turns
    .map((t) => {
      const chips = t.scores
        .map((s) => {
          const kind = s.skipped ? 'skipped' : s.pass ? 'pass' : 'fail';
          return `<span class="chip ${kind}" title="${e(s.reason)}">${e(s.scorer)}</span>`;
        })
        .join('');
      const reasons = t.scores
        .filter((s) => !s.pass && !s.skipped)
        .map((s) => `<li><b>${e(s.scorer)}</b>: ${e(s.reason)}</li>`)
        .join('');
      return (
        `<div class="bubble in">${e(t.user)}</div>` +
        `<div class="bubble out${t.pass ? '' : ' fail'}">${e(t.reply)}<span class="meta">${usd(t.costUsd)} · ${ms(t.latencyMs)}</span></div>` +
        `<div class="scores">${chips}</div>` +
        (reasons ? `<ul class="reasons">${reasons}</ul>` : '')
      );
    })
    .join('');
  return `<div class="variant-column">${head}${error}<div class="chat">${turns}</div></div>`;
}
