import type { IntentType } from '../../core/intents/schema.js';
import type { TurnOutcome } from '../results/schema.js';

export const NO_INTENT = 'none';
type Label = IntentType | typeof NO_INTENT;

export interface IntentRow {
  intent: IntentType;
  /** Turns that expect it. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface IntentReport {
  /** Turns with an `intents` expectation; the others are not counted. */
  turns: number;
  /** Turns whose detected set equals the expected set. */
  exact: number;
  rows: IntentRow[];
  labels: Label[];
  /**
   * Rows: expected, columns: detected. A matched intent lands on the diagonal; a missed one is
   * paired with each extra intent of the same turn, or with "none"; an extra one with nothing
   * missed is counted in the "none" row.
   */
  confusion: number[][];
}

/** Multi-label precision / recall / F1 per intent and a confusion matrix, from the turns' expectations. */
export function intentReport(turns: TurnOutcome[], intentLabels: readonly IntentType[]): IntentReport {
  const labels: Label[] = [...intentLabels, NO_INTENT];
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  const bump = (expected: Label, detected: Label) => confusion[at.get(expected)!]![at.get(detected)!]! += 1;
  const counts = new Map(intentLabels.map((i) => [i, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  let scored = 0;
  let exact = 0;

  for (const turn of turns) {
    if (!turn.expect.intents) continue;
    scored += 1;
    const expected = new Set(turn.expect.intents);
    const detected = new Set(turn.detectedIntents.map((i) => i.type));
    const missed = [...expected].filter((i) => !detected.has(i));
    const extra = [...detected].filter((i) => !expected.has(i));
    if (missed.length === 0 && extra.length === 0) exact += 1;
    for (const intent of expected) {
      const row = counts.get(intent);
      if (row) row.support += 1;
      if (detected.has(intent)) {
        if (row) row.tp += 1;
        bump(intent, intent);
      }
    }
    for (const intent of missed) {
      const row = counts.get(intent);
      if (row) row.fn += 1;
      if (extra.length === 0) bump(intent, NO_INTENT);
      for (const other of extra) bump(intent, other);
    }
    for (const intent of extra) {
      const row = counts.get(intent);
      if (row) row.fp += 1;
      if (missed.length === 0) bump(NO_INTENT, intent);
    }
  }

  const rows = [...counts.entries()].map(([intent, c]) => {
    const precision = ratio(c.tp, c.tp + c.fp);
    const recall = ratio(c.tp, c.tp + c.fn);
    return {
      intent,
      support: c.support,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    };
  });
  return { turns: scored, exact, rows, labels, confusion };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
