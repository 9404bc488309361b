import type { Comparison } from './compare-runs.js';
import { plural } from '../reports/plural.js';

/**
 * One line on what the comparison stands on: a selected run (--changed-prompts, --filter) pairs
 * only the cases present in both runs, and the reader should see how many that was.
 */
export function describeBaselinePairing(comparison: Comparison): string {
  const parts = [
    `Baseline ${comparison.baseline.runId}: compared ${plural(comparison.paired, 'case')} present in both runs`,
  ];
  if (comparison.onlyInBaseline.length > 0) {
    parts.push(`${comparison.onlyInBaseline.length} baseline cases not run here`);
  }
  if (comparison.onlyInCurrent.length > 0) {
    parts.push(`${plural(comparison.onlyInCurrent.length, 'case')} with no baseline`);
  }
  return `${parts.join('; ')}.`;
}
