import Table from 'cli-table3';
import { NO_PRICE } from '../../core/trace/cost.js';
import type { CalibrationReport } from './run-calibration.js';

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

/** Agreement per rubric, for the terminal. */
export function formatCalibrationTable(report: CalibrationReport): string {
  if (report.skipped) {
    return `Calibration skipped: no judge model (${report.runtime} runtime). Set "judge" in kavak.config.json or pass --runtime openai.`;
  }
  const table = new Table({
    head: [
      'Rubric',
      'n',
      'Accuracy',
      'TPR',
      'TNR',
      "Cohen's κ",
      'TP',
      'FP',
      'FN',
      'TN',
      'Errors',
      'Uncertain',
    ],
    style: { head: [], border: [] },
  });
  for (const r of report.rubrics) {
    table.push([
      r.rubric,
      r.n,
      percent(r.accuracy),
      percent(r.truePositiveRate),
      percent(r.trueNegativeRate),
      fixed(r.kappa),
      r.tp,
      r.fp,
      r.fn,
      r.tn,
      r.errors,
      r.uncertain,
    ]);
  }
  const header = `Judge ${report.runtime}/${report.model}, ${report.samples} sample(s) per reply, labels ${report.labelsFile}`;
  const cost = `Judge usage: ${report.usage.calls} calls, ${report.usage.inputTokens + report.usage.outputTokens} tokens, ${report.usage.costUsd === null ? NO_PRICE : `$${report.usage.costUsd.toFixed(4)}`}`;
  return [header, table.toString(), cost].join('\n');
}

/** The replies where the judge and the human disagree, to read before trusting a rubric. */
export function formatDisagreements(report: CalibrationReport, limit = 20): string {
  const wrong = report.verdicts.filter((v) => v.judge !== null && v.judge !== v.human);
  if (wrong.length === 0) return 'The judge agrees with every human label.';
  const lines = wrong.slice(0, limit).map((v) => {
    const what = v.human ? 'human pass, judge fail' : 'human fail, judge pass';
    return `- ${v.rubric} · ${v.id}: ${what} — ${v.reason.slice(0, 160)}`;
  });
  const more = wrong.length > limit ? [`… and ${wrong.length - limit} more`] : [];
  return [`Disagreements (${wrong.length}):`, ...lines, ...more].join('\n');
}
