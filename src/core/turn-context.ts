import type { LanguageModelRuntime } from './ports/language-model.js';
import type { Catalog } from '../tools/catalog/types.js';
import type { KnowledgeBase } from '../tools/knowledge/types.js';
import type { ModelPrice } from './trace/model-price.js';
import type { PipelineEventListener } from './events.js';
import type { Logger } from '../support/logger.js';
import type { Profile } from './profile.js';
import type { Language } from './intents/schema.js';
import type { PromptLibrary } from './prompts/prompt-library.js';
import type { AgentName, HistoryTurn } from './tasks.js';
import type { Tracer } from './trace/tracer.js';

export interface PipelineTools {
  catalog: Catalog;
  knowledge: KnowledgeBase;
}

export interface PipelineSettings {
  /** Model per agent; falls back to the runtime's model. */
  agentModels: Partial<Record<AgentName | 'intents', string>>;
  agentTemperatures: Partial<Record<AgentName, number>>;
  /** Token budget per agent; falls back to the prompt file's `maxOutputTokens`. */
  agentMaxOutputTokens: Partial<Record<AgentName | 'intents', number>>;
  temperature: number;
  prices: Record<string, ModelPrice>;
  historyTurns: number;
  /** Stream reply deltas (chat); off for eval and serve. */
  stream: boolean;
}

/** Everything one turn needs; built by the pipeline, read by the intent call and the agents. */
export interface TurnContext {
  trackingId: string;
  conversationId: string;
  message: string;
  history: HistoryTurn[];
  /** The profile as it was when the turn started, with this message's entities merged in. */
  profile: Profile;
  tools: PipelineTools;
  runtime: LanguageModelRuntime;
  prompts: PromptLibrary;
  settings: PipelineSettings;
  tracer: Tracer;
  logger: Logger;
  emit: PipelineEventListener;
  signal?: AbortSignal;
  /** The customer's language, from the intents answer (Spanish until it is read). */
  language: Language;
}
