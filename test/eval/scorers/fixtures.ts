/**
 * Test fixtures for the scorers and judges: the real catalog and knowledge base, and real turns
 * from the real pipeline (agents and tools), with intents scripted and replies = the agents'
 * drafts (what the offline runtime does). A test may then swap the reply for a bad one.
 */
import { join } from 'node:path';
import { packageRoot } from '../../../src/app/config/paths.js';
import { splitForWhatsApp } from '../../../src/channels/whatsapp/split-reply.js';
import { DEFAULT_PRICES } from '../../../src/app/config/schema.js';
import {
  emptyEntities,
  type Entities,
  type Intent,
  type IntentType,
} from '../../../src/core/intents/schema.js';
import { createPipeline } from '../../../src/core/pipeline.js';
import { PromptLibrary } from '../../../src/core/prompts/prompt-library.js';
import { ReplyTaskInputSchema } from '../../../src/core/tasks.js';
import type { TurnTrace } from '../../../src/core/trace/schema.js';
import { createScriptedRuntime } from '../../../src/runtime/scripted.js';
import { SqliteConversationStore } from '../../../src/store/sqlite/conversation-store.js';
import { openDatabase } from '../../../src/store/sqlite/database.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../../src/tools/catalog/index.js';
import { loadKnowledgeBase } from '../../../src/tools/knowledge/index.js';
import type { GoldenCase, TurnExpectation } from '../../../src/eval/golden-set/schema.js';
import type { ScoreParams } from '../../../src/eval/scorers/types.js';

export type Tools = ScoreParams['tools'];

export async function loadTools(): Promise<Tools> {
  return {
    catalog: await loadCatalog(DEFAULT_CATALOG_PATH),
    knowledge: await loadKnowledgeBase(join(packageRoot(), 'data', 'knowledge')),
  };
}

export function intent(type: IntentType, entities: Partial<Entities> = {}): Intent {
  return { type, confidence: 0.9, entities: { ...emptyEntities(), ...entities } };
}

export interface TestTurn {
  reply: string;
  intents: Intent[];
  trace: TurnTrace;
  conversation: ScoreParams['conversation'];
}

/** A conversation through the real pipeline; each turn's intents are given by the test. */
export function createConversation(tools: Tools) {
  let nextIntents: Intent[] = [];
  const runtime = createScriptedRuntime((request) => {
    if (request.task.name === 'intents') return { object: { intents: nextIntents } };
    return ReplyTaskInputSchema.parse(request.task.input).draft;
  });
  const db = openDatabase(':memory:');
  const pipeline = createPipeline({
    runtime,
    tools,
    prompts: new PromptLibrary(join(packageRoot(), 'prompts')),
    conversations: new SqliteConversationStore(db),
    splitReply: splitForWhatsApp,
    settings: {
      agentModels: {},
      agentTemperatures: {},
      agentMaxOutputTokens: {},
      temperature: 0,
      prices: DEFAULT_PRICES,
      historyTurns: 10,
      stream: false,
    },
  });
  const conversationId = 'c_test';
  const conversation: ScoreParams['conversation'] = [];
  return {
    async say(message: string, intents: Intent[]): Promise<TestTurn> {
      nextIntents = intents;
      const result = await pipeline.runTurn({ message, conversationId });
      const turn = {
        reply: result.reply,
        intents: result.intents,
        trace: result.trace,
        conversation: [...conversation],
      };
      conversation.push({ role: 'customer', text: message }, { role: 'agent', text: result.reply });
      return turn;
    },
    close: () => db.close(),
  };
}

const CASE: GoldenCase = { id: 'test-case', title: 'test', tags: [], turns: [{ user: 'hola', expect: {} }] };

/** ScoreParams for a turn, optionally with another reply (the trace stays the real one). */
export function paramsFor(
  turn: TestTurn,
  tools: Tools,
  expect: TurnExpectation,
  reply = turn.reply,
): ScoreParams {
  const trace = reply === turn.reply ? turn.trace : { ...turn.trace, reply, messages: [] };
  return {
    reply,
    expect,
    intents: turn.intents,
    trace,
    conversation: turn.conversation,
    goldenCase: CASE,
    turnIndex: 0,
    tools,
  };
}

/** A turn with no tool calls (for format and text scorers). */
export function bareParams(
  reply: string,
  tools: Tools,
  expect: TurnExpectation,
  intents: Intent[] = [],
): ScoreParams {
  const trace: TurnTrace = {
    trackingId: 't_test',
    conversationId: 'c_test',
    language: 'es',
    startedAt: new Date(0).toISOString(),
    latencyMs: 1,
    message: 'hola',
    intents,
    reply,
    messages: [],
    spans: [],
    totals: { modelCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  };
  return { reply, expect, intents, trace, conversation: [], goldenCase: CASE, turnIndex: 0, tools };
}
