import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pct, usd } from '../terminal/format.js';
import { escapeHtml as e } from './html/escape.js';
import { REPORT_CSS } from './html/styles.js';
import type { RunEntry } from './run-entry.js';
import { latestRunId, listRuns } from './run-folders.js';

export const INDEX_FILE = 'index.html';

/** Rewrites `<root>/index.html` from the run folders there; returns its path. */
export function writeRunsIndex(root: string): string {
  const file = join(root, INDEX_FILE);
  writeFileSync(file, renderRunsIndexHtml(listRuns(root), latestRunId(root)), 'utf8');
  return file;
}

/**
 * reports/index.html: every run, newest first, and the full runs' pass rate over time. No script
 * and no network (the CSP forbids both): it is opened offline, from disk.
 */
export function renderRunsIndexHtml(runs: RunEntry[], latest: string | null): string {
  const rows = [...runs]
    .reverse()
    .map((r) => {
      const gate =
        r.gate === null
          ? '—'
          : r.gate === 'pass'
            ? '<span class="good">pass</span>'
            : '<span class="bad">fail</span>';
      const mark = r.runId === latest ? ' <span class="pill">latest</span>' : '';
      return (
        `<tr${r.partial ? ' class="partial"' : ''}><td>${e(r.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}</td>` +
        `<td><a href="${e(encodeURIComponent(r.runId))}/report.html"><code>${e(r.runId)}</code></a>${mark}</td>` +
        `<td>${pct(r.passRate)}</td><td>${r.passed}/${r.cases}</td><td>${e(usd(r.costUsd))}</td>` +
        `<td>${r.filter === null ? '' : `<code>${e(r.filter)}</code>`}</td><td>${gate}</td></tr>`
      );
    })
    .join('\n');
  const table = runs.length
    ? `<table class="grid" id="runs"><thead><tr><th>date</th><th>run</th><th>pass rate</th><th>cases</th><th>cost</th><th>filter</th><th>gate</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '<p class="chart-empty">No runs in this folder yet.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>kavak eval · runs</title>
<style>${REPORT_CSS}
tr.partial td { color: var(--muted); }
.pill { font-size: 11px; background: var(--green); color: #fff; border-radius: 8px; padding: 1px 6px; }
.history .dot { fill: var(--green); } .history .line { fill: none; stroke: var(--green); stroke-width: 2; }</style>
</head>
<body>
<header class="top"><h1>kavak eval · runs</h1><div class="sub">${runs.length} run${runs.length === 1 ? '' : 's'} in this folder · regenerated after every run</div></header>
<main>
<section class="card" style="margin-top:16px"><h2>Pass rate over time (full runs)</h2>${passRateHistorySvg(runs.filter((r) => !r.partial))}</section>
<section class="card">${table}</section>
<footer>Filtered and stopped runs are greyed: they are left out of the chart and <code>latest</code> never points at them.</footer>
</main>
</body>
</html>
`;
}

const W = 720;
const H = 180;
const PAD = { left: 40, right: 12, top: 12, bottom: 24 };

/** A line of pass rates, one dot per run, oldest on the left; a title on each dot names it. */
export function passRateHistorySvg(runs: RunEntry[]): string {
  if (runs.length === 0)
    return '<p class="chart-empty">No full run yet (runs with --filter are not charted).</p>';
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (runs.length === 1 ? plotW / 2 : (i / (runs.length - 1)) * plotW);
  const y = (rate: number) => PAD.top + (1 - rate) * plotH;
  const points = runs.map((r, i) => `${x(i).toFixed(1)},${y(r.passRate).toFixed(1)}`);
  const grid = [0, 0.5, 1]
    .map(
      (rate) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(rate)}" y2="${y(rate)}" class="axis"/>` +
        `<text x="${PAD.left - 6}" y="${y(rate) + 4}" class="chart-label" text-anchor="end">${rate * 100}%</text>`,
    )
    .join('');
  const dots = runs
    .map(
      (r, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(r.passRate).toFixed(1)}" r="3.5" class="dot"><title>${e(`${r.runId}: ${pct(r.passRate)} (${r.passed}/${r.cases})`)}</title></circle>`,
    )
    .join('');
  const ends =
    `<text x="${PAD.left}" y="${H - 6}" class="chart-label">${e(runs[0]!.startedAt.slice(0, 10))}</text>` +
    `<text x="${W - PAD.right}" y="${H - 6}" class="chart-label" text-anchor="end">${e(runs.at(-1)!.startedAt.slice(0, 10))}</text>`;
  return (
    `<svg class="history" id="pass-rate-history" viewBox="0 0 ${W} ${H}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">` +
    `${grid}<polyline points="${points.join(' ')}" class="line"/>${dots}${ends}</svg>`
  );
}
