import type { CostUsd } from '../../../core/trace/cost.js';
import { ms, pct, usd } from '../../terminal/format.js';
import { histogram } from '../aggregate.js';
import { escapeHtml } from './escape.js';

/**
 * Inline SVG charts built on the server: no chart library, no network, and every label
 * escaped. Colours come from CSS classes in the page's stylesheet.
 */

const WIDTH = 480;
const LABEL_WIDTH = 150;
const ROW = 26;

export interface RateBar {
  label: string;
  passed: number;
  total: number;
  passRate: number;
}

/** Horizontal bars of pass rates (0–1), coloured by how good they are. */
export function passRateChart(rows: RateBar[], empty: string): string {
  if (rows.length === 0) return emptyChart(empty);
  const barMax = WIDTH - LABEL_WIDTH - 90;
  const height = rows.length * ROW + 8;
  const bars = rows.map((r, i) => {
    const y = i * ROW + 4;
    const w = Math.max(2, r.passRate * barMax);
    return [
      `<g class="bar-row"><title>${escapeHtml(`${r.label}: ${r.passed} of ${r.total} passed (${pct(r.passRate)})`)}</title>`,
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" class="chart-label" text-anchor="end">${escapeHtml(short(r.label, 20))}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${barMax}" height="${ROW - 8}" rx="4" class="bar-track"/>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="4" class="${rateClass(r.passRate)}"/>`,
      `<text x="${LABEL_WIDTH + barMax + 8}" y="${y + 16}" class="chart-value">${pct(r.passRate)} · ${r.passed}/${r.total}</text></g>`,
    ].join('');
  });
  return svg(height, bars.join(''));
}

/** Turn latency histogram with p50 and p95 marked. */
export function latencyChart(latencies: number[], p50: number, p95: number): string {
  const buckets = histogram(latencies, Math.min(12, Math.max(1, latencies.length)));
  if (buckets.length === 0) return emptyChart('No turns ran.');
  const height = 170;
  const plotTop = 32;
  const plotBottom = height - 26;
  const left = 36;
  const plotWidth = WIDTH - left - 10;
  const step = plotWidth / buckets.length;
  const top = Math.max(...buckets.map((b) => b.count));
  const maxValue = buckets.at(-1)!.to;
  const x = (value: number) => left + (maxValue === 0 ? 0 : (value / maxValue) * plotWidth);
  const bars = buckets.map((b, i) => {
    const h = top === 0 ? 0 : (b.count / top) * (plotBottom - plotTop);
    return (
      `<g><title>${escapeHtml(`${ms(b.from)}–${ms(b.to)}: ${b.count} turns`)}</title>` +
      `<rect x="${(left + i * step + 1).toFixed(1)}" y="${(plotBottom - h).toFixed(1)}" width="${(step - 2).toFixed(1)}" height="${h.toFixed(1)}" rx="2" class="bar-latency"/></g>`
    );
  });
  // Labels on two rows so p50 and p95 never overlap; near the right edge they hang left of the line.
  const marker = (label: string, value: number, row: number) => {
    const at = x(value);
    const nearEdge = at > WIDTH - 90;
    return (
      `<line x1="${at.toFixed(1)}" x2="${at.toFixed(1)}" y1="${row * 13 + 2}" y2="${plotBottom}" class="marker"/>` +
      `<text x="${(nearEdge ? at - 4 : at + 4).toFixed(1)}" y="${row * 13 + 11}" class="chart-value"${nearEdge ? ' text-anchor="end"' : ''}>` +
      `${label} ${escapeHtml(ms(value))}</text>`
    );
  };
  const axis =
    `<line x1="${left}" x2="${WIDTH - 10}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>` +
    `<text x="${left}" y="${height - 8}" class="chart-label">0</text>` +
    `<text x="${WIDTH - 10}" y="${height - 8}" class="chart-label" text-anchor="end">${escapeHtml(ms(maxValue))}</text>` +
    `<text x="${left - 6}" y="${plotTop + 4}" class="chart-label" text-anchor="end">${top}</text>`;
  return svg(height, bars.join('') + axis + marker('p50', p50, 0) + marker('p95', p95, 1));
}

export interface CostBar {
  label: string;
  /** null: no price for the model (the case is left out of the chart). */
  agentUsd: CostUsd;
  judgeUsd: CostUsd;
}

/** The most expensive cases, agent and judge cost stacked. */
export function costChart(rows: CostBar[], limit = 10): string {
  const priced = rows.flatMap((r) =>
    r.agentUsd === null || r.judgeUsd === null ? [] : [{ ...r, agentUsd: r.agentUsd, judgeUsd: r.judgeUsd }],
  );
  if (priced.length === 0 && rows.length > 0)
    return emptyChart('No price for the models in this run (add them under "prices" in kavak.config.json).');
  const top = [...priced].sort((a, b) => b.agentUsd + b.judgeUsd - (a.agentUsd + a.judgeUsd)).slice(0, limit);
  const highest = top.length ? top[0]!.agentUsd + top[0]!.judgeUsd : 0;
  if (highest === 0) return emptyChart('No cost recorded (the offline runtime is free).');
  const barMax = WIDTH - LABEL_WIDTH - 90;
  const scale = barMax / highest;
  const bars = top.map((r, i) => {
    const y = i * ROW + 4;
    const agent = r.agentUsd * scale;
    const judge = r.judgeUsd * scale;
    return (
      `<g><title>${escapeHtml(`${r.label}: agent ${usd(r.agentUsd)}, judge ${usd(r.judgeUsd)}`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" class="chart-label" text-anchor="end">${escapeHtml(short(r.label, 20))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${agent.toFixed(1)}" height="${ROW - 8}" class="bar-agent"/>` +
      `<rect x="${(LABEL_WIDTH + agent).toFixed(1)}" y="${y + 3}" width="${judge.toFixed(1)}" height="${ROW - 8}" class="bar-judge"/>` +
      `<text x="${(LABEL_WIDTH + agent + judge + 6).toFixed(1)}" y="${y + 16}" class="chart-value">${escapeHtml(usd(r.agentUsd + r.judgeUsd))}</text></g>`
    );
  });
  const legend =
    `<rect x="${LABEL_WIDTH}" y="${top.length * ROW + 10}" width="10" height="10" class="bar-agent"/>` +
    `<text x="${LABEL_WIDTH + 14}" y="${top.length * ROW + 19}" class="chart-label">agent</text>` +
    `<rect x="${LABEL_WIDTH + 70}" y="${top.length * ROW + 10}" width="10" height="10" class="bar-judge"/>` +
    `<text x="${LABEL_WIDTH + 84}" y="${top.length * ROW + 19}" class="chart-label">judge</text>`;
  return svg(top.length * ROW + 28, bars.join('') + legend);
}

export function rateClass(rate: number): string {
  return rate >= 0.9 ? 'bar-good' : rate >= 0.7 ? 'bar-fair' : 'bar-bad';
}

function svg(height: number, body: string): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

function emptyChart(message: string): string {
  return `<p class="chart-empty">${escapeHtml(message)}</p>`;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
