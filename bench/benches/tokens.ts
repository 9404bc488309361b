import { encodeChat, countTokens } from 'gpt-tokenizer/model/gpt-4o-mini';
import { DEFAULT_PRICES } from '../../src/app/config/schema.js';
import { IntentResultSchema } from '../../src/core/intents/schema.js';
import type { ModelCallSpan, TurnTrace } from '../../src/core/trace/schema.js';
import { estimateCostUsd } from '../../src/core/trace/cost.js';
import type { LoadedCase } from '../../src/eval/golden-set/index.js';
import { toStrictJsonSchema } from '../../src/runtime/openai/to-strict-json-schema.js';
import { newConversationId } from '../../src/core/ports/conversations.js';
import { seedProfile } from '../../src/eval/runner/seed-profile.js';
import type { Bench, BenchContext } from '../harness/bench.js';
import { target, type BenchOutcome, type BenchTable } from '../harness/report.js';
import { fmt, mean, percentile, round } from '../harness/stats.js';
import { createBenchApp } from '../support/bench-app.js';
import { generatedCatalogPath, sampleCatalogPath } from '../support/catalogs.js';
import { loadGoldenCases } from '../support/golden-turns.js';
import { startScriptedOpenAIServer } from '../support/scripted-openai-server.js';
import { catalogVocabulary } from '../support/vocabulary.js';

const MODEL = 'gpt-4o-mini';
/** A prompt "grows with the catalog" when its mean grows more than this from the sample to 100k. */
const GROWTH_FLAG = 0.1;
const MEDIUM_ROWS = 10_000;

interface CallTokens {
  /** "intents", or "reply[cars]" with the agent that made it. */
  task: string;
  prompt: number;
  completion: number;
}

interface TurnTokens {
  /** "cars-versa-2020-low-km#1" */
  key: string;
  intents: string[];
  calls: CallTokens[];
  /** Agents the orchestrator ran for an intent the intents call did not return. */
  addedAgents: string[];
}

function turnTokens(key: string, trace: TurnTrace): TurnTokens {
  const agents = new Map(
    trace.spans.flatMap((span) => (span.type === 'agent' ? [[span.id, span] as const] : [])),
  );
  const intents: string[] = [...new Set(trace.intents.map((i) => i.type))];
  const calls = trace.spans
    .filter((span): span is ModelCallSpan => span.type === 'model_call')
    .map((span) => {
      const messages = span.messages.map((m) => ({
        role: m.role as 'system' | 'user' | 'assistant',
        content: m.content,
      }));
      const agent = span.parentId ? agents.get(span.parentId)?.agent : undefined;
      return {
        task: agent ? `${span.task}[${agent}]` : span.task,
        prompt: encodeChat(messages, MODEL).length,
        completion: countTokens(span.rawOutput),
      };
    });
  const addedAgents = [...agents.values()].filter((a) => !intents.includes(a.intent)).map((a) => a.agent);
  return { key, intents, calls, addedAgents };
}

const taskOf = (call: CallTokens) => call.task.replace(/\[.*$/, '');

/** Every golden case through the pipeline on the openai runtime against the scripted server. */
async function traceGoldenSet(
  ctx: BenchContext,
  catalog: string,
  label: string,
  cases: readonly LoadedCase[],
): Promise<TurnTokens[]> {
  const server = await startScriptedOpenAIServer({
    delayMs: 0,
    vocabulary: await catalogVocabulary(catalog),
  });
  const app = await createBenchApp({ workDir: ctx.workDir, catalog, baseUrl: server.url, db: ':memory:' });
  try {
    ctx.log(`tokens: golden set on the ${label} catalog`);
    const turns: TurnTokens[] = [];
    for (const goldenCase of cases) {
      const conversationId = newConversationId();
      if (goldenCase.profile) await seedProfile(app.conversations, conversationId, goldenCase.profile);
      for (const [index, turn] of goldenCase.turns.entries()) {
        const result = await app.pipeline.runTurn({ message: turn.user, conversationId });
        turns.push(turnTokens(`${goldenCase.id}#${index + 1}`, result.trace));
      }
    }
    return turns;
  } finally {
    await app.close();
    await server.close();
  }
}

const sum = (calls: readonly CallTokens[], pick: (c: CallTokens) => number) =>
  calls.reduce((n, c) => n + pick(c), 0);
const costOf = (calls: readonly CallTokens[]) =>
  estimateCostUsd(
    MODEL,
    { inputTokens: sum(calls, (c) => c.prompt), outputTokens: sum(calls, (c) => c.completion) },
    DEFAULT_PRICES,
  ).costUsd ?? 0; // MODEL is in the default price table

function byIntentTable(turns: readonly TurnTokens[]): BenchTable {
  const groups = new Map<string, TurnTokens[]>();
  for (const turn of turns) {
    const label = turn.intents.length === 1 ? turn.intents[0]! : `multi-intent (${turn.intents.length})`;
    groups.set(label, [...(groups.get(label) ?? []), turn]);
  }
  const rows = [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([label, group]) => {
      const calls = group.map((t) => t.calls.length);
      const prompts = group.map((t) => sum(t.calls, (c) => c.prompt));
      return [
        label,
        String(group.length),
        fmt(mean(calls)),
        String(Math.max(...calls)),
        fmt(mean(prompts), 0),
        fmt(percentile(prompts, 95), 0),
        fmt(mean(group.map((t) => sum(t.calls, (c) => c.completion))), 0),
        `$${(mean(group.map((t) => costOf(t.calls))) * 1000).toFixed(3)}`,
      ];
    });
  return {
    title: `Per turn by detected intent, sample catalog (${MODEL} tokens, o200k_base)`,
    head: [
      'intent',
      'turns',
      'calls/turn',
      'max calls',
      'prompt tok/turn',
      'p95 prompt tok',
      'completion tok/turn',
      'USD per 1k turns',
    ],
    rows,
  };
}

interface TaskGrowth {
  task: string;
  sample: number;
  medium: number;
  large: number;
  /** From 10,000 to 100,000 cars: ten times the rows, once every search fills its result limit. */
  growth: number;
}

function taskGrowth(
  sample: readonly TurnTokens[],
  medium: readonly TurnTokens[],
  large: readonly TurnTokens[],
): TaskGrowth[] {
  const tasks = [...new Set(sample.flatMap((t) => t.calls.map(taskOf)))].sort();
  return tasks.map((task) => {
    const of = (turns: readonly TurnTokens[]) =>
      mean(turns.flatMap((t) => t.calls.filter((c) => taskOf(c) === task).map((c) => c.prompt)));
    return {
      task,
      sample: of(sample),
      medium: of(medium),
      large: of(large),
      growth: of(large) / of(medium) - 1,
    };
  });
}

/** The turns whose prompts grew most between the two catalogs (same case and turn). */
function biggestGrowth(sample: readonly TurnTokens[], large: readonly TurnTokens[], top = 3): string[] {
  const largeByKey = new Map(large.map((t) => [t.key, t]));
  return sample
    .map((turn) => {
      const other = largeByKey.get(turn.key);
      const a = sum(turn.calls, (c) => c.prompt);
      const b = other ? sum(other.calls, (c) => c.prompt) : a;
      return { key: turn.key, a, b };
    })
    .sort((x, y) => y.b - y.a - (x.b - x.a))
    .slice(0, top)
    .map((g) => `${g.key} ${g.a} → ${g.b} tokens`);
}

export const tokensBench: Bench = {
  name: 'tokens',
  title:
    'Model calls and prompt tokens per turn, from golden-set traces on a scripted OpenAI-compatible server',
  async run(ctx): Promise<BenchOutcome> {
    const cases = await loadGoldenCases();
    const sample = await traceGoldenSet(ctx, sampleCatalogPath(), 'sample', cases);
    const medium = await traceGoldenSet(
      ctx,
      generatedCatalogPath(ctx.workDir, MEDIUM_ROWS).path,
      '10k',
      cases,
    );
    const large = await traceGoldenSet(ctx, generatedCatalogPath(ctx.workDir).path, '100k', cases);
    const single = sample.filter((t) => t.intents.length === 1);
    const maxSingleCalls = Math.max(...single.map((t) => t.calls.length));
    const overTwo = single.filter((t) => t.calls.length > 2);
    const growth = taskGrowth(sample, medium, large);
    const flagged = growth.filter((g) => g.growth > GROWTH_FLAG);
    const schemaTokens = countTokens(JSON.stringify(toStrictJsonSchema(IntentResultSchema)));

    const figures: Record<string, number> = {
      turns: sample.length,
      singleIntentTurns: single.length,
      'singleIntent.maxCalls': maxSingleCalls,
      'singleIntent.meanCalls': round(mean(single.map((t) => t.calls.length))),
      'all.meanCalls': round(mean(sample.map((t) => t.calls.length))),
      'all.meanPromptTokens': Math.round(mean(sample.map((t) => sum(t.calls, (c) => c.prompt)))),
      'all.usdPer1kTurns': round(mean(sample.map((t) => costOf(t.calls))) * 1000, 3),
      intentsSchemaTokens: schemaTokens,
    };
    for (const g of growth) {
      figures[`${g.task}.sampleMeanPromptTokens`] = Math.round(g.sample);
      figures[`${g.task}.10kMeanPromptTokens`] = Math.round(g.medium);
      figures[`${g.task}.100kMeanPromptTokens`] = Math.round(g.large);
    }
    return {
      figures,
      targets: [
        target('max model calls, single-intent turn', maxSingleCalls, '<=', 2, 'calls'),
        target('prompts growing > 10% from 10k to 100k cars', flagged.length, '<=', 0, 'tasks'),
      ],
      tables: [
        byIntentTable(sample),
        {
          title:
            'Mean prompt tokens per call by task, by catalog size (sample: 100 cars; generated: 10,000 and 100,000)',
          head: ['task', '100 cars', '10k cars', '100k cars', '10k → 100k', 'grows with catalog?'],
          rows: growth.map((g) => [
            g.task,
            fmt(g.sample, 0),
            fmt(g.medium, 0),
            fmt(g.large, 0),
            `${g.growth >= 0 ? '+' : ''}${fmt(g.growth * 100, 1)}%`,
            g.growth > GROWTH_FLAG ? 'YES' : 'no',
          ]),
        },
      ],
      notes: [
        "The pipeline on the openai runtime (createApp) against the scripted server, every golden case as one conversation; the scripted model answers intents with the offline NLU and repeats the draft for replies, so the calls and prompts are the real ones, the answers a faithful model's.",
        `Prompt tokens: gpt-tokenizer encodeChat(messages, "${MODEL}") (o200k_base, with the chat format's per-message tokens). Structured calls also send a JSON schema that OpenAI bills on top: the intents schema is ${schemaTokens} tokens, not in these counts. USD at ${MODEL} list prices ($${DEFAULT_PRICES[MODEL]!.inputPerMillion}/M in, $${DEFAULT_PRICES[MODEL]!.outputPerMillion}/M out).`,
        ...(overTwo.length > 0
          ? [
              `Single-intent turns over 2 calls (${overTwo.length}): ${overTwo
                .slice(0, 5)
                .map(
                  (t) =>
                    `${t.key} (intent ${t.intents[0]}; calls ${t.calls.map((c) => c.task).join(', ')}${t.addedAgents.length ? `; agent ${t.addedAgents.join(', ')} run by orchestrate() for an intent the model did not return` : ''})`,
                )
                .join(
                  '; ',
                )}. Each agent phrases its own draft with its own reply call, so an agent added to a turn adds a call.`,
            ]
          : []),
        'Growth is judged from 10k to 100k cars (ten times the rows once every search already fills its result limit); from the 100-car sample, searches find more matches, so replies carry more cars up to the limit.',
        `Largest per-turn prompt growth, 10k → 100k: ${biggestGrowth(medium, large).join('; ')}.`,
      ],
    };
  },
};
