import type { IntentReport } from '../scorers/intent-report.js';
import { pct, table } from './format.js';

const rate = (value: number | null) => (value === null ? '—' : pct(value));

export function intentTable(report: IntentReport): string {
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
  );
}

/** Rows are expected intents, columns detected ones. */
export function confusionTable(report: IntentReport): string {
  return table(
    'Intent confusion (rows: expected, columns: detected)',
    ['expected \\ detected', ...report.confusionLabels.map(short)],
    report.confusionLabels.map((row) => [
      row,
      ...report.confusionLabels.map((col) => report.confusion[row][col] || '·'),
    ]),
  );
}

/** Column heads short enough for a terminal: car_recommendation → car_rec. */
function short(label: string): string {
  return label.length > 9 ? label.slice(0, 7) : label;
}
