import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelPrice } from '../../app/config/schema.js';
import { addCosts, estimateCostUsd, type CostUsd } from '../../core/trace/cost.js';
import type { LoadedCase } from '../golden-set/schema.js';
import type { Rubric } from '../judge/rubric.js';
import { checkPrompts } from './check-prompts.js';

/**
 * How the estimate is made, printed with it: sizes only, no tokenizer and no model. Each turn
 * makes one `intents` call and one `reply` call per expected intent (at least one); each judge
 * rubric a turn names costs `samples` calls.
 */
export const ESTIMATE_METHOD =
  'tokens ≈ characters / 4 of the prompt templates + messages + history (replies ~600 chars, tool facts ~1,500 chars); ' +
  'output ~250 tokens (intents), ~150 (reply), ~250 (judge); one reply call per expected intent; no repair retries';

export const CHARS_PER_TOKEN = 4;
const REPLY_CHARS = 600;
const FACTS_CHARS = 1_500;
export const OUTPUT_TOKENS = { intents: 250, reply: 150, judge: 250 } as const;

export interface CallEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: CostUsd;
}

export interface DryRunEstimate {
  cases: number;
  turns: number;
  caseRuns: number;
  agent: CallEstimate & { runtime: string; model: string };
  judge: CallEstimate & { runtime: string; model: string; samples: number; skipped: boolean };
  totalCostUsd: CostUsd;
  /** Prompts rendered with the cases' inputs (every placeholder filled). */
  promptsRendered: number;
  warnings: string[];
  method: string;
}

export interface DryRunInput {
  cases: LoadedCase[];
  repeat: number;
  promptsDir: string;
  rubrics: readonly Rubric[];
  agent: { runtime: string; model: string };
  judge: { runtime: string; model: string; samples: number };
  prices: Record<string, ModelPrice>;
  /** --rescore: no agent calls, only the judges'. */
  judgeOnly?: boolean;
}

/**
 * Counts the model calls a run would make and prices them, without calling any model. Renders
 * every prompt first (checkPrompts), so a broken prompt file fails the estimate.
 */
export function estimateRun(input: DryRunInput): DryRunEstimate {
  const promptsRendered = checkPrompts({
    cases: input.cases,
    promptsDir: input.promptsDir,
    rubrics: input.rubrics,
    judgeOnly: input.judgeOnly,
  });
  // Asked on every turn: read each template once, not once a turn.
  const templateChars = new Map<string, number>();
  const template = (name: string) => {
    let chars = templateChars.get(name);
    if (chars === undefined)
      templateChars.set(name, (chars = fileChars(join(input.promptsDir, `${name}.md`))));
    return chars;
  };
  const agentGuide = meanFileChars(join(input.promptsDir, 'agents'));
  const rubricChars = new Map(input.rubrics.map((r) => [r.name, r.text.length]));
  const judgeSkipped = input.judge.runtime === 'offline';
  const agent = { calls: 0, inputChars: 0, outputTokens: 0 };
  const judge = { calls: 0, inputChars: 0, outputTokens: 0 };

  for (const goldenCase of input.cases) {
    let historyChars = 0;
    for (const turn of goldenCase.turns) {
      const replies = Math.max(1, turn.expect.intents?.length ?? 1);
      agent.calls += 1 + replies;
      agent.inputChars += template('intents') + turn.user.length + historyChars;
      agent.inputChars +=
        replies * (template('reply') + agentGuide + turn.user.length + FACTS_CHARS + REPLY_CHARS);
      agent.outputTokens += OUTPUT_TOKENS.intents + replies * OUTPUT_TOKENS.reply;
      for (const expectation of turn.expect.judges ?? []) {
        const name = typeof expectation === 'string' ? expectation : expectation.name;
        const chars =
          template('judge') +
          (rubricChars.get(name) ?? 0) +
          historyChars +
          turn.user.length +
          FACTS_CHARS +
          REPLY_CHARS;
        judge.calls += input.judge.samples;
        judge.inputChars += input.judge.samples * chars;
        judge.outputTokens += input.judge.samples * OUTPUT_TOKENS.judge;
      }
      historyChars += turn.user.length + REPLY_CHARS;
    }
    // Conversation rubrics: one call per rubric and case, over the whole transcript.
    for (const expectation of goldenCase.judges ?? []) {
      const name = typeof expectation === 'string' ? expectation : expectation.name;
      judge.calls += input.judge.samples;
      judge.inputChars +=
        input.judge.samples * (template('judge-conversation') + (rubricChars.get(name) ?? 0) + historyChars);
      judge.outputTokens += input.judge.samples * OUTPUT_TOKENS.judge;
    }
  }

  const warnings: string[] = [];
  const priced = (raw: typeof agent, model: string): CallEstimate => {
    const usage = {
      inputTokens: Math.ceil((raw.inputChars / CHARS_PER_TOKEN) * input.repeat),
      outputTokens: raw.outputTokens * input.repeat,
    };
    const { costUsd, warning } = estimateCostUsd(model, usage, input.prices);
    if (warning && raw.calls > 0) warnings.push(warning);
    return { calls: raw.calls * input.repeat, ...usage, costUsd };
  };
  const agentEstimate = input.judgeOnly
    ? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }
    : priced(agent, input.agent.model);
  const judgeEstimate = judgeSkipped
    ? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }
    : priced(judge, input.judge.model);
  if (!judgeSkipped && input.judge.runtime === input.agent.runtime && input.judge.model === input.agent.model)
    warnings.push(
      `the judge is the agent's own model (${input.judge.runtime} ${input.judge.model}): it grades its own replies; set --judge-model or "judge" in kavak.config.json`,
    );
  if (judgeSkipped && judge.calls > 0)
    warnings.push(`${judge.calls} judge calls would be skipped: the judge runtime is offline`);
  return {
    cases: input.cases.length,
    turns: input.cases.reduce((n, c) => n + c.turns.length, 0),
    caseRuns: input.cases.length * input.repeat,
    agent: { ...input.agent, ...agentEstimate },
    judge: { ...input.judge, ...judgeEstimate, skipped: judgeSkipped },
    totalCostUsd: addCosts(agentEstimate.costUsd, judgeEstimate.costUsd),
    promptsRendered,
    warnings,
    method: ESTIMATE_METHOD,
  };
}

function fileChars(path: string): number {
  try {
    return readFileSync(path, 'utf8').length;
  } catch {
    return 0;
  }
}

function meanFileChars(dir: string): number {
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    return files.length ? files.reduce((n, f) => n + fileChars(join(dir, f)), 0) / files.length : 0;
  } catch {
    return 0;
  }
}
