/**
 * Agreement between the judge and the human labels, "pass" being the positive class:
 * tp = both pass, tn = both fail, fp = the judge passes what the human failed (too lenient),
 * fn = the judge fails what the human passed (too strict).
 */
export interface AgreementCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface AgreementMetrics {
  n: number;
  accuracy: number | null;
  /** Of the replies humans passed, the share the judge passed. */
  truePositiveRate: number | null;
  /** Of the replies humans failed, the share the judge failed. */
  trueNegativeRate: number | null;
  kappa: number | null;
}

/**
 * Cohen's kappa: (po − pe) / (1 − pe), po = observed agreement, pe = agreement expected by chance
 * from each rater's pass rate. null when undefined: no items, or both raters gave one same label
 * to every item (pe = 1).
 */
export function cohensKappa({ tp, fp, fn, tn }: AgreementCounts): number | null {
  const n = tp + fp + fn + tn;
  if (n === 0) return null;
  const observed = (tp + tn) / n;
  const judgePass = (tp + fp) / n;
  const humanPass = (tp + fn) / n;
  const chance = judgePass * humanPass + (1 - judgePass) * (1 - humanPass);
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}

export function agreementMetrics(counts: AgreementCounts): AgreementMetrics {
  const { tp, fp, fn, tn } = counts;
  const n = tp + fp + fn + tn;
  return {
    n,
    accuracy: n === 0 ? null : (tp + tn) / n,
    truePositiveRate: tp + fn === 0 ? null : tp / (tp + fn),
    trueNegativeRate: tn + fp === 0 ? null : tn / (tn + fp),
    kappa: cohensKappa(counts),
  };
}
