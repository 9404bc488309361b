import { join } from 'node:path';
import type { ModelPrice } from '../../app/config/schema.js';
import { packageRoot } from '../../app/config/paths.js';
import { PromptLibrary } from '../../core/prompts/prompt-library.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import type { JudgeExpectation } from '../golden-set/schema.js';
import type { ScoreParams, ScoreResult } from '../scorers/types.js';
import { judgeInputFromTurn, type JudgeInput } from './judge-input.js';
import { judgeConversation, type ConversationJudgeInput } from './judge-conversation.js';
import { judgeReply, type JudgeOutcome } from './judge-reply.js';
import type { Rubric } from './rubric.js';
import { addUsage, emptyUsage, type JudgeUsage } from './usage.js';

export interface JudgeScorerOptions {
  /** The judge's runtime, set apart from the agent's (config `judge`). */
  runtime: LanguageModelRuntime;
  rubrics: readonly Rubric[];
  /** Judge calls per rubric and reply (--judge-samples); the majority decides. Default 1. */
  samples?: number;
  prices: Record<string, ModelPrice>;
  /** Where prompts/judge.md is; default: the package's prompts/. */
  prompts?: PromptLibrary;
}

export interface JudgeTurnScores {
  /** One per expected rubric, in the order given; scorer = "judge:<rubric>". */
  scores: ScoreResult[];
  usage: JudgeUsage;
}

/** What results.json records about each rubric (RubricInfoSchema). */
export interface RubricInfo {
  name: string;
  hash: string;
  model: string;
  runtime: string;
}

export interface JudgeScorer {
  readonly runtime: string;
  readonly model: string;
  readonly samples: number;
  rubricInfo(): RubricInfo[];
  /** Judges one turn with the rubrics its expectation names. */
  scoreTurn(
    params: ScoreParams,
    judges: readonly JudgeExpectation[],
    signal?: AbortSignal,
  ): Promise<JudgeTurnScores>;
  /** Judges a whole conversation with the conversation rubrics a case (or a caller) names. */
  scoreConversation(
    input: ConversationJudgeInput,
    judges: readonly JudgeExpectation[],
    signal?: AbortSignal,
  ): Promise<JudgeTurnScores>;
  /** Judges any reply with one rubric (calibration uses it). */
  judge(
    rubricName: string,
    input: JudgeInput,
    options?: { threshold?: number; signal?: AbortSignal },
  ): Promise<JudgeOutcome>;
}

/** The judge reads prompts/judge.md from the package: the agent's --prompts folder never changes it. */
export function defaultJudgePrompts(): PromptLibrary {
  return new PromptLibrary(join(packageRoot(), 'prompts'));
}

export function createJudgeScorer(options: JudgeScorerOptions): JudgeScorer {
  const samples = Math.max(1, options.samples ?? 1);
  const prompts = options.prompts ?? defaultJudgePrompts();
  const byName = new Map(options.rubrics.map((rubric) => [rubric.name, rubric]));

  /** An error result when the name is no rubric of this scope (assertRubricsExist catches it earlier). */
  function unknownRubric(rubricName: string, scope: Rubric['scope']): JudgeOutcome | undefined {
    const rubric = byName.get(rubricName);
    if (rubric?.scope === scope) return undefined;
    const known = options.rubrics.filter((r) => r.scope === scope).map((r) => r.name);
    const reason = `error: unknown rubric "${rubricName}" (${scope === 'turn' ? 'per-turn' : 'conversation'} rubrics in judges/: ${known.join(', ') || 'none'})`;
    return {
      result: { scorer: `judge:${rubricName}`, pass: false, score: 0, reason, error: true },
      usage: emptyUsage(),
      samples: [],
    };
  }

  async function judge(
    rubricName: string,
    input: JudgeInput,
    call: { threshold?: number; signal?: AbortSignal } = {},
  ): Promise<JudgeOutcome> {
    const unknown = unknownRubric(rubricName, 'turn');
    if (unknown) return unknown;
    const rubric = byName.get(rubricName)!;
    return judgeReply({
      runtime: options.runtime,
      prompts,
      rubric,
      input,
      samples,
      threshold: call.threshold,
      prices: options.prices,
      signal: call.signal,
    });
  }

  function sumOutcomes(outcomes: readonly JudgeOutcome[]): JudgeTurnScores {
    return {
      scores: outcomes.map((outcome) => outcome.result),
      usage: outcomes.reduce((sum, outcome) => addUsage(sum, outcome.usage), emptyUsage()),
    };
  }

  return {
    runtime: options.runtime.id,
    model: options.runtime.model,
    samples,
    rubricInfo: () =>
      options.rubrics.map((rubric) => ({
        name: rubric.name,
        hash: rubric.hash,
        model: rubric.model ?? options.runtime.model,
        runtime: options.runtime.id,
      })),
    judge,
    async scoreTurn(params, judges, signal) {
      const input = judgeInputFromTurn(params);
      const outcomes = await Promise.all(
        judges.map((expectation) =>
          typeof expectation === 'string'
            ? judge(expectation, input, { signal })
            : judge(expectation.name, input, { threshold: expectation.threshold, signal }),
        ),
      );
      return sumOutcomes(outcomes);
    },
    async scoreConversation(input, judges, signal) {
      const outcomes = await Promise.all(
        judges.map(async (expectation) => {
          const { name, threshold } =
            typeof expectation === 'string' ? { name: expectation, threshold: undefined } : expectation;
          const unknown = unknownRubric(name, 'conversation');
          if (unknown) return unknown;
          return judgeConversation({
            runtime: options.runtime,
            prompts,
            rubric: byName.get(name)!,
            input,
            samples,
            threshold,
            prices: options.prices,
            signal,
          });
        }),
      );
      return sumOutcomes(outcomes);
    },
  };
}
