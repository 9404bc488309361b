import type { ScoreResult } from './types.js';

/** One check a scorer made: passed, or a violation saying what was wrong. */
export interface Finding {
  ok: boolean;
  message: string;
}

export const ok = (message: string): Finding => ({ ok: true, message });
export const violation = (message: string): Finding => ({ ok: false, message });

/** Score = share of checks passed; pass = no violation; the reason lists every violation. */
export function resultFromFindings(
  scorer: string,
  findings: readonly Finding[],
  summary: string,
): ScoreResult {
  const violations = findings.filter((finding) => !finding.ok);
  return {
    scorer,
    pass: violations.length === 0,
    score: findings.length === 0 ? 1 : (findings.length - violations.length) / findings.length,
    reason: violations.length === 0 ? summary : violations.map((finding) => finding.message).join('; '),
  };
}
