import { ms, pct, usd } from '../terminal/format.js';
import type { VariantRun } from './variant-runs.js';

export interface FigureRow {
  label: string;
  /** Scorer rows sit under the pass rate. */
  scorer: boolean;
  /** One cell per variant, in order. */
  cells: string[];
}

/**
 * The side-by-side figures every report shows (terminal, summary.md, report.html): pass rate,
 * each scorer's pass rate over turns, agent and judge cost, latency per turn.
 */
export function variantFigureRows(variants: readonly VariantRun[]): FigureRow[] {
  const scorers = [...new Set(variants.flatMap((v) => v.summary.byScorer.map((r) => r.name)))].sort();
  const row = (label: string, cell: (v: VariantRun) => string, scorer = false): FigureRow => ({
    label,
    scorer,
    cells: variants.map(cell),
  });
  return [
    row('pass rate (cases)', (v) => `${pct(v.summary.passRate)} ${v.summary.passed}/${v.summary.cases}`),
    ...scorers.map((name) =>
      row(
        name,
        (v) => {
          const r = v.summary.byScorer.find((s) => s.name === name);
          if (!r) return '—';
          return r.total ? pct(r.passRate) : r.errors ? 'no verdict' : 'skipped';
        },
        true,
      ),
    ),
    row('agent cost', (v) => usd(v.summary.agent.costUsd)),
    row('judge cost', (v) => usd(v.summary.judge.costUsd)),
    row('latency p50 / turn', (v) => ms(v.summary.latencyMs.p50)),
    row('latency p95 / turn', (v) => ms(v.summary.latencyMs.p95)),
  ];
}
