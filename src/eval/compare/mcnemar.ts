export interface McNemarResult {
  /** Cases that passed in the baseline and fail now. */
  b: number;
  /** Cases that failed in the baseline and pass now. */
  c: number;
  /** Two-sided exact p-value. */
  pValue: number;
}

/**
 * McNemar's exact test on paired pass/fail outcomes: under "no change" each discordant case
 * is equally likely to go either way, so p = min(1, 2 · P[X ≤ min(b, c)]) with
 * X ~ Binomial(b + c, ½). Summed in log space so large runs do not underflow.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`McNemar's ${name} must be a count ≥ 0 (got ${value}).`);
  }
  const n = b + c;
  if (n === 0) return { b, c, pValue: 1 };
  const k = Math.min(b, c);
  const logHalfPowN = -n * Math.LN2;
  let logChoose = 0; // log C(n, 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logChoose + logHalfPowN);
  }
  return { b, c, pValue: Math.min(1, 2 * tail) };
}
