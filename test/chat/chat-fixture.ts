import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChatController, type ChatControllerOptions } from '../../src/chat/chat-controller.js';
import type { ChatSession, RuntimeChoice } from '../../src/chat/session.js';
import { emptyEntities, type Intent } from '../../src/core/intents/schema.js';
import { ReplyTaskInputSchema, IntentsTaskInputSchema } from '../../src/core/tasks.js';
import {
  createScriptedRuntime,
  type Script,
  type ScriptedRuntime,
  type ScriptedStep,
} from '../../src/runtime/scripted.js';
import type { GenerateRequest } from '../../src/core/ports/language-model.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';
import type { PromptLibrary } from '../../src/core/prompts/prompt-library.js';
import type { ConversationStore } from '../../src/core/ports/conversations.js';

export const REPO = resolve(import.meta.dirname, '../..');

/** A tiny stand-in for intent detection: enough to route a few chat messages. */
export function intentsFor(message: string): Intent[] {
  const text = message.toLowerCase();
  if (text.includes('versa')) {
    return [
      {
        type: 'car_recommendation',
        confidence: 0.93,
        entities: { ...emptyEntities(), make: 'Nissan', model: 'Versa' },
      },
    ];
  }
  if (text.includes('hola')) return [{ type: 'greeting', confidence: 0.99, entities: emptyEntities() }];
  return [{ type: 'out_of_scope', confidence: 0.5, entities: emptyEntities() }];
}

/** Answers like a model that follows the prompt: intents as JSON, replies as the draft. */
export const echoDraftScript = (request: GenerateRequest, _callIndex?: number): ScriptedStep => {
  if (request.task.name === 'intents') {
    const { message } = IntentsTaskInputSchema.parse(request.task.input);
    return { object: { intents: intentsFor(message) }, usage: { inputTokens: 120, outputTokens: 30 } };
  }
  return {
    text: ReplyTaskInputSchema.parse(request.task.input).draft,
    usage: { inputTokens: 200, outputTokens: 80 },
  };
};

export interface ChatFixture {
  session: ChatSession;
  runtime: ScriptedRuntime;
  store: ConversationStore;
  prompts: PromptLibrary;
  /** A temp folder: the database, golden-set/ and exports live here. */
  dir: string;
  /** Runtimes made by /runtime and /model, in order. */
  switched: RuntimeChoice[];
  controller(options?: Partial<ChatControllerOptions>): Promise<ChatController>;
}

/**
 * The real pipeline, catalog, knowledge base, prompts and SQLite store, on a scripted runtime
 * (no key, no network). `promptsDir` lets a test edit prompt files.
 */
export async function chatFixture(
  options: { script?: Script; promptsDir?: string; stream?: boolean; dbPath?: string } = {},
): Promise<ChatFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-chat-'));
  const runtime = createScriptedRuntime(options.script ?? echoDraftScript, { model: 'gpt-4o-mini' });
  const { pipeline, store, prompts } = await createTestPipeline(runtime, {
    promptsDir: options.promptsDir,
    dbPath: options.dbPath ?? join(dir, 'kavak.db'),
    stream: options.stream,
  });
  const switched: RuntimeChoice[] = [];
  const session: ChatSession = {
    pipeline,
    conversations: store,
    initial: { runtime: 'openai', model: 'gpt-4o-mini' },
    reload: () => {
      prompts.reload();
      return Promise.resolve();
    },
    createRuntime: (choice) => {
      switched.push(choice);
      return createScriptedRuntime(options.script ?? echoDraftScript, { model: choice.model });
    },
  };
  return {
    session,
    runtime,
    store,
    prompts,
    dir,
    switched,
    controller: (overrides = {}) =>
      ChatController.open(session, { goldenSetDir: join(dir, 'golden-set'), cwd: dir, ...overrides }),
  };
}
