import type { RunResult } from '../results/schema.js';
import { EvalRunError } from './run-failure.js';
import type { RunSummary } from './summarize-run.js';

const RUNTIME_HINT =
  'Check the runtime (--runtime, --base-url, OPENAI_API_KEY) and try one case with --filter <id>.';

/**
 * A run that measured nothing must not end like a failed gate (exit 1) or, worse, a pass: every
 * case crashed, every judge verdict is missing, or a critical turn could not be checked. Called
 * after the reports are written, so the evidence is on disk.
 */
export function assertRunMeasured(run: RunResult, summary: RunSummary, promptsDir: string): void {
  if (run.cases.length > 0 && run.cases.every((c) => c.status === 'error')) {
    const first = run.cases[0]!.error ?? 'unknown';
    throw new EvalRunError(`Every case failed to run; the first error: ${first}`, {
      hint: first.includes(promptsDir)
        ? 'The error names a prompt file: fix that file (kavak eval --dry-run renders every prompt without calling a model).'
        : RUNTIME_HINT,
    });
  }
  const [critical] = summary.criticalUnscored;
  if (critical) {
    throw new EvalRunError(
      `${summary.criticalUnscored.length} critical turn(s) could not be checked; the first: ${critical.caseId} turn ${critical.turn} (${critical.why}): ${critical.reasons.join('; ')}`,
      { hint: `A judge error is not a verdict. ${judgeHint(run)}` },
    );
  }
  if (summary.judgeErrors > 0 && summary.judgeVerdicts === 0) {
    throw new EvalRunError(`Every judge call failed: ${summary.judgeErrors} verdict(s) missing, none came.`, {
      hint: judgeHint(run),
    });
  }
}

function judgeHint(run: RunResult): string {
  return `Check the judge (${run.judge.runtime} ${run.judge.model}: --judge-runtime, --judge-model, --judge-base-url) and the reasons in the report.`;
}
