import pLimit from 'p-limit';
import type { ModelPrice } from '../../app/config/schema.js';
import type { PromptLibrary } from '../../core/prompts/prompt-library.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import { createJudgeScorer } from '../judge/create-judge-scorer.js';
import { assertRubricsExist, type Rubric } from '../judge/rubric.js';
import { addUsage, emptyUsage, type JudgeUsage } from '../judge/usage.js';
import { agreementMetrics, type AgreementCounts, type AgreementMetrics } from './agreement.js';
import { factsText, loadLabels } from './labels.js';

export interface CalibrationOptions {
  labelsFile: string;
  /** The judge runtime (config `judge`), as for `kavak eval`. */
  runtime: LanguageModelRuntime;
  rubrics: readonly Rubric[];
  samples?: number;
  prices: Record<string, ModelPrice>;
  prompts?: PromptLibrary;
  /** Judge calls in flight at once. Default 4. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The judge's verdict on one labelled reply for one rubric. */
export interface CalibrationVerdict {
  id: string;
  rubric: string;
  human: boolean;
  /** null: skipped or no valid verdict (error). */
  judge: boolean | null;
  score: number;
  reason: string;
  skipped: boolean;
  uncertain: boolean;
}

export interface RubricCalibration extends AgreementCounts, AgreementMetrics {
  rubric: string;
  hash: string;
  /** Labelled items the judge could not score (malformed verdict, failed call): not in n. */
  errors: number;
  skipped: number;
  uncertain: number;
}

/**
 * Below this share of labels with a valid judge verdict the agreement figures describe the
 * failures, not the judge: the command fails (exit 2).
 */
export const MIN_VALID_VERDICT_SHARE = 0.9;

export interface CalibrationReport {
  labelsFile: string;
  /** Labelled (reply, rubric) pairs the judge was asked about. */
  labels: number;
  /** Pairs that got a valid verdict (neither skipped nor an error). */
  validVerdicts: number;
  runtime: string;
  model: string;
  samples: number;
  rubrics: RubricCalibration[];
  verdicts: CalibrationVerdict[];
  /** Every call was skipped (no judge model, e.g. the offline runtime). */
  skipped: boolean;
  usage: JudgeUsage;
}

/**
 * Runs the judges on human-labelled replies and measures agreement per rubric. Errors and
 * skipped items are counted apart and left out of the metrics.
 */
export async function runCalibration(options: CalibrationOptions): Promise<CalibrationReport> {
  const labels = loadLabels(options.labelsFile);
  assertRubricsExist(
    labels.items.flatMap((item) => Object.keys(item.labels)),
    options.rubrics,
  );
  const samples = Math.max(1, options.samples ?? 1);
  const judge = createJudgeScorer({
    runtime: options.runtime,
    rubrics: options.rubrics,
    samples,
    prices: options.prices,
    prompts: options.prompts,
  });
  const limit = pLimit(options.concurrency ?? 4);
  const jobs = labels.items.flatMap((item) =>
    Object.entries(item.labels).map(([rubric, human]) => ({ item, rubric, human })),
  );
  let done = 0;
  let usage = emptyUsage();

  const verdicts = await Promise.all(
    jobs.map(({ item, rubric, human }) =>
      limit(async (): Promise<CalibrationVerdict> => {
        const input = {
          conversation: item.conversation,
          message: item.message,
          facts: factsText(item.facts),
          reply: item.reply,
        };
        const outcome = await judge.judge(rubric, input, { signal: options.signal });
        usage = addUsage(usage, outcome.usage);
        options.onProgress?.(++done, jobs.length);
        const { result } = outcome;
        return {
          id: item.id,
          rubric,
          human,
          judge: result.skipped || result.error ? null : result.pass,
          score: result.score,
          reason: result.reason,
          skipped: result.skipped === true,
          uncertain: result.uncertain === true,
        };
      }),
    ),
  );

  const names = [...new Set(jobs.map((job) => job.rubric))].sort();
  const rubrics = names.map((name): RubricCalibration => {
    const mine = verdicts.filter((verdict) => verdict.rubric === name);
    const scored = mine.filter((verdict) => verdict.judge !== null);
    const counts: AgreementCounts = {
      tp: scored.filter((v) => v.human && v.judge === true).length,
      fp: scored.filter((v) => !v.human && v.judge === true).length,
      fn: scored.filter((v) => v.human && v.judge === false).length,
      tn: scored.filter((v) => !v.human && v.judge === false).length,
    };
    return {
      rubric: name,
      hash: options.rubrics.find((rubric) => rubric.name === name)!.hash,
      ...counts,
      ...agreementMetrics(counts),
      errors: mine.filter((v) => v.judge === null && !v.skipped).length,
      skipped: mine.filter((v) => v.skipped).length,
      uncertain: mine.filter((v) => v.uncertain).length,
    };
  });

  return {
    labelsFile: options.labelsFile,
    labels: verdicts.length,
    validVerdicts: verdicts.filter((verdict) => verdict.judge !== null).length,
    runtime: judge.runtime,
    model: judge.model,
    samples,
    rubrics,
    verdicts,
    skipped: verdicts.length > 0 && verdicts.every((verdict) => verdict.skipped),
    usage,
  };
}
