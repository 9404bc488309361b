import type { IntentReport } from '../scorers/intent-report.js';
import { pct, table } from './format.js';
import type { TerminalLayout } from './terminal-layout.js';

const rate = (value: number | null) => (value === null ? '—' : pct(value));
/** Confusions listed without --verbose; the matrix itself is too wide for most terminals. */
const CONFUSIONS_LISTED = 8;

export function intentTable(report: IntentReport, layout: TerminalLayout): string {
  const micro = report.micro;
  return table(
    `Intents (${report.turns} turns with expected intents, ${report.exactMatches} exact)`,
    ['intent', 'support', 'precision', 'recall', 'F1'],
    [
      ...report.labels.map((l) => [
        l.intent,
        l.support,
        rate(l.precision),
        rate(l.recall),
        l.f1 === null ? '—' : l.f1.toFixed(2),
      ]),
      [
        'micro avg',
        '',
        rate(micro.precision),
        rate(micro.recall),
        micro.f1 === null ? '—' : micro.f1.toFixed(2),
      ],
    ],
    [],
    layout.width,
  );
}

/** The matrix with --verbose; otherwise the off-diagonal cells, most frequent first. */
export function confusionTable(report: IntentReport, layout: TerminalLayout): string {
  if (layout.verbose) return confusionMatrix(report, layout);
  const labels = report.confusionLabels;
  const mistakes = labels
    .flatMap((expected) =>
      labels
        .filter((detected) => detected !== expected && report.confusion[expected][detected])
        .map((detected) => ({ expected, detected, turns: report.confusion[expected][detected] })),
    )
    .sort((a, b) => b.turns - a.turns);
  if (!mistakes.length) return 'Intent confusion: none (every expected intent was detected as itself)';
  const shown = mistakes.slice(0, CONFUSIONS_LISTED);
  const more = mistakes.length > shown.length ? ` (top ${shown.length} of ${mistakes.length})` : '';
  const body = table(
    `Intent confusion${more}`,
    ['expected', 'detected', 'turns'],
    shown.map((m) => [m.expected, m.detected, m.turns]),
    [1],
    layout.width,
  );
  return `${body}\n${layout.style.dim('--verbose shows the whole confusion matrix.')}`;
}

/** Rows are expected intents, columns detected ones. */
function confusionMatrix(report: IntentReport, layout: TerminalLayout): string {
  return table(
    'Intent confusion (rows: expected, columns: detected)',
    ['expected', ...report.confusionLabels.map(short)],
    report.confusionLabels.map((row) => [
      row,
      ...report.confusionLabels.map((col) => report.confusion[row][col] || '·'),
    ]),
    [],
    layout.width,
  );
}

/** Column heads short enough for a terminal: car_recommendation → car_rec. */
function short(label: string): string {
  return label.length > 9 ? label.slice(0, 7) : label;
}
