import type { ModelPrice } from '../../app/config/schema.js';
import type { GenerateRequest, LanguageModelRuntime } from '../../core/ports/language-model.js';
import type { RenderedPrompt } from '../../core/prompts/prompt-library.js';
import { estimateCostUsd } from '../../core/trace/cost.js';
import { UnsupportedTaskError } from '../../runtime/errors.js';
import type { ScoreResult } from '../scorers/types.js';
import type { Rubric } from './rubric.js';
import { addUsage, emptyUsage, type JudgeUsage } from './usage.js';
import { parseVerdict, VerdictSchema } from './verdict.js';
import { majorityVote, type SampleOutcome } from './vote.js';

export interface JudgeOutcome {
  result: ScoreResult;
  usage: JudgeUsage;
  samples: SampleOutcome[];
}

export interface JudgeSamplesOptions {
  runtime: LanguageModelRuntime;
  rubric: Rubric;
  /** The judge call, built from a rendered judge prompt (per turn or per conversation). */
  request: GenerateRequest;
  samples: number;
  threshold: number;
  prices: Record<string, ModelPrice>;
}

const MAX_REASON_CHARS = 600;

/** A judge call: a rendered judge prompt asking for a structured verdict, at the rubric's settings. */
export function judgeRequest(
  rubric: Rubric,
  prompt: RenderedPrompt,
  task: GenerateRequest['task'],
  signal: AbortSignal | undefined,
): GenerateRequest {
  return {
    task,
    messages: prompt.messages,
    output: { name: 'verdict', schema: VerdictSchema },
    model: rubric.model,
    temperature: rubric.temperature,
    maxOutputTokens: prompt.maxOutputTokens,
    signal,
  };
}

/**
 * Sends one judge request N times and takes the majority. Never throws for a model failure: a
 * runtime that cannot judge gives a skipped result, failed or malformed answers an error result.
 */
export async function runJudgeSamples(options: JudgeSamplesOptions): Promise<JudgeOutcome> {
  const { runtime, rubric, request, samples, threshold } = options;
  const scorer = `judge:${rubric.name}`;
  let usage = emptyUsage();
  let unsupported: UnsupportedTaskError | undefined;
  const outcomes = await Promise.all(
    Array.from({ length: samples }, async (): Promise<SampleOutcome> => {
      try {
        const result = await runtime.generate(request);
        // Priced by the configured judge model, not the name the server answers with.
        const model = rubric.model ?? runtime.model;
        usage = addUsage(usage, {
          calls: 1,
          ...result.usage,
          costUsd: estimateCostUsd(model, result.usage, options.prices).costUsd,
        });
        const parsed = parseVerdict(result);
        if (!parsed.ok) return { kind: 'malformed', error: parsed.error };
        return {
          kind: 'verdict',
          verdict: parsed.verdict,
          pass: parsed.verdict.pass && parsed.verdict.score >= threshold,
        };
      } catch (error) {
        if (UnsupportedTaskError.is(error)) unsupported = error;
        return { kind: 'error', error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );

  if (unsupported) {
    const why =
      unsupported.runtimeId === 'offline'
        ? 'no judge model (offline runtime)'
        : `no judge model (the ${unsupported.runtimeId} runtime cannot judge)`;
    return {
      result: { scorer, pass: false, score: 0, reason: why, skipped: true },
      usage,
      samples: outcomes,
    };
  }
  const failures = outcomes.flatMap((outcome) => (outcome.kind === 'verdict' ? [] : [outcome]));
  // A verdict needs most samples to have answered; otherwise the failures would decide the vote.
  if (failures.length * 2 >= samples) {
    const first = failures[0]!;
    const why = first.kind === 'malformed' ? first.error : `the judge call failed: ${first.error}`;
    const reason =
      failures.length === samples
        ? `error: ${why}`
        : `error: only ${samples - failures.length} of ${samples} samples gave a valid verdict (${why})`;
    return { result: { scorer, pass: false, score: 0, reason, error: true }, usage, samples: outcomes };
  }

  const vote = majorityVote(outcomes);
  const side = outcomes.find((outcome) => outcome.kind === 'verdict' && outcome.pass === vote.pass);
  const reasoning = side?.kind === 'verdict' ? side.verdict.reasoning : '';
  const parts = [
    `${vote.pass ? 'pass' : 'fail'}${samples > 1 ? ` (${vote.passVotes}/${samples} samples pass${vote.uncertain ? ', split: uncertain' : ''})` : ''}`,
    failures.length > 0 ? `${failures.length} sample(s) without a valid verdict (${failures[0]!.error})` : '',
    reasoning.length > MAX_REASON_CHARS ? `${reasoning.slice(0, MAX_REASON_CHARS)}…` : reasoning,
  ];
  return {
    result: {
      scorer,
      pass: vote.pass,
      score: vote.score,
      reason: parts.filter(Boolean).join(' — '),
      agreement: vote.agreement,
      uncertain: vote.uncertain,
    },
    usage,
    samples: outcomes,
  };
}
