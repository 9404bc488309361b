import { INTENT_TYPES, type IntentType } from '../../core/intents/schema.js';

/** One scored turn for the intent report: the expected and the detected set. */
export interface IntentObservation {
  expected: readonly IntentType[];
  detected: readonly IntentType[];
}

export interface IntentLabelStats {
  intent: IntentType;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Turns that expected it (true positives + false negatives). */
  support: number;
  /** null when undefined (nothing detected / nothing expected for this label). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export const NO_INTENT = 'none';
export type ConfusionLabel = IntentType | typeof NO_INTENT;

export interface IntentReport {
  labels: IntentLabelStats[];
  /** Labels of the confusion matrix rows (expected) and columns (detected), "none" last. */
  confusionLabels: ConfusionLabel[];
  /** confusion[expected][detected] = count. */
  confusion: Record<ConfusionLabel, Record<ConfusionLabel, number>>;
  /** Micro-averaged over all labels. */
  micro: { precision: number | null; recall: number | null; f1: number | null };
  /** Mean of the labels' F1 that are defined. */
  macroF1: number | null;
  turns: number;
  /** Turns whose detected set equals the expected set. */
  exactMatches: number;
}

/**
 * Multi-label metrics: every turn adds a TP, FP or FN per label. The confusion matrix pairs
 * labels: those in both sets sit on the diagonal; if exactly one expected and one detected label
 * remain, they are confused with each other; otherwise each leftover is paired with "none"
 * (expected but missed → column "none"; detected but not expected → row "none").
 */
export function intentReport(observations: readonly IntentObservation[]): IntentReport {
  const counts = new Map<IntentType, { tp: number; fp: number; fn: number }>(
    INTENT_TYPES.map((intent) => [intent, { tp: 0, fp: 0, fn: 0 }]),
  );
  const confusionLabels: ConfusionLabel[] = [...INTENT_TYPES, NO_INTENT];
  const confusion = Object.fromEntries(
    confusionLabels.map((row) => [row, Object.fromEntries(confusionLabels.map((col) => [col, 0]))]),
  ) as IntentReport['confusion'];
  let exactMatches = 0;

  for (const { expected, detected } of observations) {
    const exp = new Set(expected);
    const det = new Set(detected);
    for (const intent of INTENT_TYPES) {
      const count = counts.get(intent)!;
      if (exp.has(intent) && det.has(intent)) count.tp++;
      else if (det.has(intent)) count.fp++;
      else if (exp.has(intent)) count.fn++;
    }
    const both = [...exp].filter((intent) => det.has(intent));
    const missed = [...exp].filter((intent) => !det.has(intent));
    const extra = [...det].filter((intent) => !exp.has(intent));
    for (const intent of both) confusion[intent][intent]++;
    if (missed.length === 1 && extra.length === 1) confusion[missed[0]!][extra[0]!]++;
    else {
      for (const intent of missed) confusion[intent][NO_INTENT]++;
      for (const intent of extra) confusion[NO_INTENT][intent]++;
    }
    if (exp.size === 0 && det.size === 0) confusion[NO_INTENT][NO_INTENT]++;
    if (missed.length === 0 && extra.length === 0) exactMatches++;
  }

  const labels = INTENT_TYPES.map((intent): IntentLabelStats => {
    const { tp, fp, fn } = counts.get(intent)!;
    return {
      intent,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      support: tp + fn,
      ...prf(tp, fp, fn),
    };
  });
  const total = labels.reduce(
    (sum, l) => ({
      tp: sum.tp + l.truePositives,
      fp: sum.fp + l.falsePositives,
      fn: sum.fn + l.falseNegatives,
    }),
    { tp: 0, fp: 0, fn: 0 },
  );
  const f1s = labels.map((l) => l.f1).filter((f1): f1 is number => f1 !== null);
  return {
    labels,
    confusionLabels,
    confusion,
    micro: prf(total.tp, total.fp, total.fn),
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    turns: observations.length,
    exactMatches,
  };
}

function prf(
  tp: number,
  fp: number,
  fn: number,
): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
