import type { Comparison } from '../compare/compare-runs.js';
import type { GateSettings } from './eval-settings.js';
import type { RunSummary } from './summarize-run.js';

export interface GateVerdict {
  pass: boolean;
  /** 0 pass, 1 below a gate. (2, the run itself failed, is thrown before a gate is reached.) */
  exitCode: 0 | 1;
  /** One line per gate that failed, in the order a reader should fix them. */
  failures: string[];
  /** Gates that could not be checked (e.g. a tag no case of this run has). */
  notes: string[];
}

export interface GateOptions {
  comparison?: Comparison;
  failOnRegression?: boolean;
}

/**
 * Decides the exit code. Critical turns fail the run alone; a threshold on a scorer that never
 * scored (only skipped) fails too, since an unmeasured gate must not pass silently.
 */
export function evaluateGate(
  summary: RunSummary,
  settings: GateSettings,
  options: GateOptions = {},
): GateVerdict {
  const failures: string[] = [];
  const notes: string[] = [];

  for (const c of summary.criticalFailures) {
    const reasons = c.reasons.length ? `: ${c.reasons.join('; ')}` : '';
    failures.push(`critical turn failed: ${c.caseId} turn ${c.turn} (${c.why})${reasons}`);
  }
  if (options.failOnRegression && options.comparison?.significantRegression) {
    const { b, c, pValue } = options.comparison.mcnemar;
    failures.push(
      `significant regression against ${options.comparison.baseline.runId}: ${b} newly failing vs ${c} newly passing (McNemar p = ${pValue.toFixed(4)})`,
    );
  }
  if (summary.stopped) failures.push(`the run stopped early (${summary.stopped}): not every case was scored`);
  if (summary.judgeErrors > 0) {
    notes.push(
      `${summary.judgeErrors} judge verdict(s) never came (failed call or malformed answer); those turns fail and the scorer rates leave them out`,
    );
  }
  if (settings.minPassRate !== undefined && summary.passRate < settings.minPassRate) {
    failures.push(
      `pass rate ${pct(summary.passRate)} (${summary.passed}/${summary.cases}) is below the minimum ${pct(settings.minPassRate)}`,
    );
  }
  for (const [scorer, min] of Object.entries(settings.scorerThresholds)) {
    const row = summary.byScorer.find((r) => r.name === scorer);
    if (!row || row.total === 0) {
      failures.push(`scorer ${scorer} has a threshold of ${pct(min)} but never scored${unscored(row)}`);
    } else if (row.passRate < min) {
      failures.push(
        `scorer ${scorer} passes ${pct(row.passRate)} (${row.passed}/${row.total}), below its threshold ${pct(min)}`,
      );
    }
  }
  for (const [tag, min] of Object.entries(settings.tagThresholds)) {
    const row = summary.byTag.find((r) => r.name === tag);
    if (!row) notes.push(`tag ${tag} has a threshold but no case of this run has it`);
    else if (row.passRate < min) {
      failures.push(
        `tag ${tag} passes ${pct(row.passRate)} (${row.passed}/${row.total}), below its threshold ${pct(min)}`,
      );
    }
  }
  return { pass: failures.length === 0, exitCode: failures.length === 0 ? 0 : 1, failures, notes };
}

function unscored(row: RunSummary['byScorer'][number] | undefined): string {
  const parts = [
    row?.errors ? `${row.errors} without a verdict` : '',
    row?.skipped ? `${row.skipped} skipped` : '',
  ];
  const shown = parts.filter(Boolean).join(', ');
  return shown ? ` (${shown})` : '';
}

function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
