import type { ModelPrice } from '../../app/config/schema.js';
import type { PromptLibrary } from '../../core/prompts/prompt-library.js';
import { estimateCostUsd } from '../../core/trace/cost.js';
import { defaultJudgePrompts } from '../judge/create-judge-scorer.js';
import { renderJudgePrompt } from '../judge/judge-reply.js';
import { assertRubricsExist, type Rubric } from '../judge/rubric.js';
import { CHARS_PER_TOKEN, OUTPUT_TOKENS, type CallEstimate } from '../runner/dry-run.js';
import { factsText, loadLabels } from './labels.js';

export interface CalibrationEstimate extends CallEstimate {
  labelsFile: string;
  /** Labelled (reply, rubric) pairs: each costs `samples` judge calls. */
  labels: number;
  samples: number;
  runtime: string;
  model: string;
  /** The judge runtime cannot judge (offline): calibration would be skipped. */
  skipped: boolean;
  warnings: string[];
}

export interface CalibrationEstimateInput {
  labelsFile: string;
  rubrics: readonly Rubric[];
  samples: number;
  runtime: string;
  model: string;
  prices: Record<string, ModelPrice>;
  prompts?: PromptLibrary;
}

/**
 * What `kavak eval calibrate` would cost: it renders every judge prompt (so a broken prompt fails
 * here, before any call) and sizes it at ~4 characters a token. Calls no model.
 */
export function estimateCalibration(input: CalibrationEstimateInput): CalibrationEstimate {
  const labels = loadLabels(input.labelsFile);
  assertRubricsExist(
    labels.items.flatMap((item) => Object.keys(item.labels)),
    input.rubrics,
  );
  const prompts = input.prompts ?? defaultJudgePrompts();
  const byName = new Map(input.rubrics.map((rubric) => [rubric.name, rubric]));
  let pairs = 0;
  let inputChars = 0;
  for (const item of labels.items) {
    const judgeInput = {
      conversation: item.conversation,
      message: item.message,
      facts: factsText(item.facts),
      reply: item.reply,
    };
    for (const name of Object.keys(item.labels)) {
      const prompt = renderJudgePrompt(prompts, byName.get(name)!, judgeInput);
      inputChars += prompt.messages.reduce((n, message) => n + message.content.length, 0);
      pairs += 1;
    }
  }
  const skipped = input.runtime === 'offline';
  const samples = Math.max(1, input.samples);
  const calls = skipped ? 0 : pairs * samples;
  const usage = {
    inputTokens: skipped ? 0 : Math.ceil((inputChars * samples) / CHARS_PER_TOKEN),
    outputTokens: calls * OUTPUT_TOKENS.judge,
  };
  const { costUsd, warning } = estimateCostUsd(input.model, usage, input.prices);
  const warnings = warning && calls > 0 ? [warning] : [];
  return {
    labelsFile: input.labelsFile,
    labels: pairs,
    samples,
    runtime: input.runtime,
    model: input.model,
    skipped,
    calls,
    ...usage,
    costUsd: skipped ? 0 : costUsd,
    warnings,
  };
}
