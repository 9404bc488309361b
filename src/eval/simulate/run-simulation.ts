import type { KavakConfig } from '../../app/config/schema.js';
import { createRuntime } from '../../app/runtimes.js';
import type { LanguageModelRuntime } from '../../core/ports/language-model.js';
import { PromptLibrary } from '../../core/prompts/prompt-library.js';
import type { LoadedCase } from '../golden-set/schema.js';
import type { EvalEventListener } from '../runner/events.js';
import { decorateRuntime } from '../runner/eval-runtimes.js';
import type { AgentSession } from '../runner/eval-session.js';
import type { RateLimiter } from '../runner/rate-limit.js';
import { runEval, type EvalRunOutcome } from '../runner/run-eval.js';
import type { TurnScorer } from '../runner/turn-scorer.js';
import type { CustomerPlayer } from './customer.js';
import { createModelCustomer, CUSTOMER_PROMPT, customerPromptVars } from './model-customer.js';
import type { LoadedPersona } from './persona.js';
import { personaCase } from './persona-case.js';
import type { CaseScorer } from '../conversation/case-scorer.js';
import { createScriptedCustomer } from './scripted-customer.js';
import { simulateConversation } from './simulate-conversation.js';

export interface CustomerFlags {
  customerRuntime?: KavakConfig['runtime'];
  customerModel?: string;
  customerBaseUrl?: string;
}

/** The customer's runtime and model: flags, else the agent's (an offline agent gets the scripted customer). */
export function resolveCustomer(config: KavakConfig, flags: CustomerFlags) {
  const runtime = flags.customerRuntime ?? config.runtime;
  const same = runtime === config.runtime;
  const model =
    flags.customerModel ??
    (runtime === 'offline' ? 'scripted-customer' : same ? config.model : 'gpt-4o-mini');
  const baseUrl = flags.customerBaseUrl ?? (same ? config.baseUrl : undefined);
  return { runtime, model, baseUrl };
}

export interface SimulationRun {
  personas: LoadedPersona[];
  agent: AgentSession;
  scoreTurn: TurnScorer;
  config: KavakConfig;
  customer: CustomerFlags;
  limiter?: RateLimiter;
  runs: number;
  seed: number;
  maxTurns?: number;
  concurrency: number;
  maxCostUsd?: number;
  caseTimeoutMs: number;
  /** Conversation rubrics and custom scorers (createJudging's scoreCase). */
  scoreCase?: CaseScorer;
  /** Names of the conversation rubrics a persona without its own `judges` is held to. */
  conversationRubrics: readonly string[];
  signal?: AbortSignal;
}

/**
 * Every persona × run as its own conversation, through the eval's run loop (concurrency,
 * --max-cost, Ctrl-C, progress events, runs combined as repeats), so the outcome is a normal
 * run the report writers and the gate take as they are.
 */
export async function runSimulation(
  settings: SimulationRun,
  onEvent: EvalEventListener,
): Promise<EvalRunOutcome> {
  const prompts = new PromptLibrary(settings.config.prompts);
  const customerRuntime = createCustomerRuntime(settings);
  // A broken customer prompt fails here, before any model call.
  if (customerRuntime)
    for (const p of settings.personas) prompts.render(CUSTOMER_PROMPT, customerPromptVars(p, []));
  const cases = settings.personas.map((p) => personaCase(p, settings.conversationRubrics));
  const byCase = new Map(
    settings.personas.map((p, i) => [cases[i]!.id, { persona: p, goldenCase: cases[i]! }]),
  );
  const playerFor = (persona: LoadedPersona, seed: number): CustomerPlayer =>
    customerRuntime
      ? createModelCustomer({
          runtime: customerRuntime,
          prompts,
          persona,
          prices: settings.config.prices,
          model: resolveCustomer(settings.config, settings.customer).model,
        })
      : createScriptedCustomer(persona, seed);

  return runEval(
    {
      cases,
      scoreCase: settings.scoreCase,
      pipeline: settings.agent.pipeline,
      scoreTurn: settings.scoreTurn,
      concurrency: settings.concurrency,
      repeat: settings.runs,
      maxCostUsd: settings.maxCostUsd,
      caseTimeoutMs: settings.caseTimeoutMs,
      signal: settings.signal,
      play: (goldenCase: LoadedCase, run, deps, onTurn) => {
        const { persona, goldenCase: caseOf } = byCase.get(goldenCase.id)!;
        const seed = settings.seed + run;
        return simulateConversation(
          persona,
          {
            ...deps,
            customer: playerFor(persona, seed),
            seed,
            maxTurns: settings.maxTurns ?? persona.maxTurns,
            caseOf,
          },
          onTurn,
        );
      },
    },
    onEvent,
  );
}

/** undefined: the offline runtime, whose customer is the persona's script. */
function createCustomerRuntime(settings: SimulationRun): LanguageModelRuntime | undefined {
  const resolved = resolveCustomer(settings.config, settings.customer);
  if (resolved.runtime === 'offline') return undefined;
  const runtime = createRuntime({ ...settings.config, ...resolved, maxRetries: 0 });
  return decorateRuntime(runtime, { limiter: settings.limiter, retries: settings.config.maxRetries });
}
