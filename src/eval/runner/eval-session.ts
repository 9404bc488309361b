import { createApp, type App } from '../../app/create-app.js';
import type { KavakConfig } from '../../app/config/schema.js';
import type { Pipeline } from '../../core/pipeline.js';
import type { PipelineTools } from '../../core/turn-context.js';
import { loadCatalog } from '../../tools/catalog/index.js';
import { loadKnowledgeBase } from '../../tools/knowledge/index.js';
import { loadGoldenSet } from '../golden-set/load.js';
import type { LoadedCase } from '../golden-set/schema.js';
import { createJudgeScorer, type JudgeScorer } from '../judge/create-judge-scorer.js';
import { assertRubricsExist, loadRubrics, type Rubric } from '../judge/rubric.js';
import { scoreTurn, type ScorerWeights } from '../scorers/score-turn.js';
import type { RateLimiter } from './rate-limit.js';
import { serverOf } from '../../app/runtimes.js';
import type { ResponseCache } from '../../runtime/recording/with-response-cache.js';
import {
  createJudgeRuntime,
  decorateRuntime,
  evalConfig,
  resolveJudge,
  type JudgeFlags,
} from './eval-runtimes.js';
import type { TurnScorer } from './turn-scorer.js';
import { resumingInRankOrder } from './resume-order.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import { createCaseScorer, type CaseScorer } from '../conversation/case-scorer.js';
import type { CustomScorer } from '../scorers/custom/contract.js';
import { withCustomTurnScorers } from '../scorers/custom/custom-turn-scorers.js';

export interface EvalInputs {
  cases: LoadedCase[];
  rubrics: Rubric[];
}

/** The golden set and the rubrics it names, validated before any model call. */
export async function loadEvalInputs(paths: {
  goldenSet: string;
  judges?: string;
  filter?: string;
}): Promise<EvalInputs> {
  const cases = await loadGoldenSet(paths.goldenSet, { filter: paths.filter });
  const rubrics = loadRubrics(paths.judges);
  const named = cases.flatMap((c) =>
    c.turns.flatMap((t) => (t.expect.judges ?? []).map((j) => (typeof j === 'string' ? j : j.name))),
  );
  assertRubricsExist(named, rubrics);
  const conversational = cases.flatMap((c) =>
    (c.judges ?? []).map((j) => (typeof j === 'string' ? j : j.name)),
  );
  assertRubricsExist(conversational, rubrics, 'conversation');
  return { cases, rubrics };
}

export interface AgentSession {
  app: App;
  /** The app's pipeline on the rate-limited, retried runtime. */
  pipeline: Pipeline;
  runtime: string;
  model: string;
}

/** The pipeline as the user runs it, on an in-memory store, its model calls limited and retried. */
export async function openAgent(
  config: KavakConfig,
  limiter: RateLimiter | undefined,
  cache?: ResponseCache,
  /** Already loaded from config.catalog and config.knowledge (shared by variants). */
  tools?: PipelineTools,
): Promise<AgentSession> {
  const app = await createApp(evalConfig(config), { tools, conversations: 'memory' });
  const inner = app.pipeline.deps.runtime;
  const decorated = decorateRuntime(inner, { limiter, retries: config.maxRetries });
  // Outside the rate limit and retries: a hit waits for no slot.
  const runtime = cache ? cache.wrap(decorated, serverOf(config, inner.id)) : decorated;
  return {
    app,
    pipeline: app.pipeline.withRuntime(inRankOrder(runtime)),
    runtime: inner.id,
    model: inner.model,
  };
}

/** Answers that arrive together resume longest case first (resume-order.ts); offline calls are local. */
function inRankOrder(runtime: LanguageModelRuntime): LanguageModelRuntime {
  return runtime.id === 'offline' ? runtime : resumingInRankOrder(runtime);
}

/** For --rescore: the tools the scorers check facts against, with no agent runtime at all. */
export async function loadTools(config: KavakConfig): Promise<PipelineTools> {
  return { catalog: await loadCatalog(config.catalog), knowledge: await loadKnowledgeBase(config.knowledge) };
}

export interface Judging {
  judge: JudgeScorer;
  scoreTurn: TurnScorer;
  /** Whole-conversation scoring: the case's conversation rubrics and custom conversation scorers. */
  scoreCase: CaseScorer;
}

export function createJudging(
  config: KavakConfig,
  settings: JudgeFlags & {
    samples: number;
    rubrics: readonly Rubric[];
    weights?: Partial<ScorerWeights>;
    customScorers?: readonly CustomScorer[];
  },
  limiter: RateLimiter | undefined,
  cache?: ResponseCache,
): Judging {
  const inner = createJudgeRuntime(config, settings);
  const decorated = decorateRuntime(inner, { limiter, retries: config.maxRetries });
  const judge = createJudgeScorer({
    runtime: inRankOrder(
      cache ? cache.wrap(decorated, serverOf(resolveJudge(config, settings), inner.id)) : decorated,
    ),
    rubrics: settings.rubrics,
    samples: settings.samples,
    prices: config.prices,
  });
  const customScorers = settings.customScorers ?? [];
  return {
    judge,
    scoreTurn: withCustomTurnScorers(
      (params, signal) => scoreTurn(params, { judge, weights: settings.weights, signal }),
      customScorers,
      settings.weights,
    ),
    scoreCase: createCaseScorer({ judge, customScorers, weights: settings.weights }),
  };
}
