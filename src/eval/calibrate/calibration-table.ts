import Table from 'cli-table3';
import { NO_PRICE } from '../../core/trace/cost.js';
import { MIN_VALID_VERDICT_SHARE, type CalibrationReport } from './run-calibration.js';

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
  const valid = `Valid verdicts: ${report.validVerdicts} of ${report.labels} labels (${percent(validShare(report))}; at least ${percent(MIN_VALID_VERDICT_SHARE)} needed)`;
  const cost = `Judge usage: ${report.usage.calls} calls, ${report.usage.inputTokens + report.usage.outputTokens} tokens, ${report.usage.costUsd === null ? NO_PRICE : `$${report.usage.costUsd.toFixed(4)}`}`;
  return [header, table.toString(), valid, cost].join('\n');
}

/** The replies where the judge and the human disagree, to read before trusting a rubric. */
export function formatDisagreements(report: CalibrationReport, limit = 20): string {
  const wrong = report.verdicts.filter((v) => v.judge !== null && v.judge !== v.human);
  if (report.validVerdicts === 0) return 'No valid verdict: nothing to compare with the human labels.';
  if (wrong.length === 0) {
    return report.validVerdicts === report.labels
      ? 'The judge agrees with every human label.'
      : `The judge agrees with the ${report.validVerdicts} human label(s) it gave a valid verdict on; ${report.labels - report.validVerdicts} got none.`;
  }
  const lines = wrong.slice(0, limit).map((v) => {
    const what = v.human ? 'human pass, judge fail' : 'human fail, judge pass';
    return `- ${v.rubric} · ${v.id}: ${what} — ${v.reason.slice(0, 160)}`;
  });
  const more = wrong.length > limit ? [`… and ${wrong.length - limit} more`] : [];
  return [`Disagreements (${wrong.length}):`, ...lines, ...more].join('\n');
}

/** Share of labels with a valid verdict (1 when there were none to judge). */
export function validShare(report: CalibrationReport): number {
  return report.labels === 0 ? 1 : report.validVerdicts / report.labels;
}
