import type { KavakConfig, RuntimeName } from '../app/config/schema.js';
import type { Pipeline } from '../core/pipeline.js';
import type { LanguageModelRuntime } from '../core/ports/language-model.js';
import type { ConversationStore } from '../core/ports/conversations.js';

/** Which runtime and model answer: the chat's status line and its /runtime, /model commands. */
export interface RuntimeChoice {
  runtime: RuntimeName;
  model: string;
}

/**
 * What the chat needs from the app, kept small so tests can hand in a pipeline on a scripted
 * runtime. The chat never builds the pipeline itself.
 */
export interface ChatSession {
  readonly pipeline: Pipeline;
  readonly conversations: ConversationStore;
  readonly initial: RuntimeChoice;
  /** Re-reads prompt files, catalog and knowledge base. */
  reload(): Promise<void>;
  /** A runtime for another choice, built as the config would build it (may throw a ConfigError). */
  createRuntime(choice: RuntimeChoice): LanguageModelRuntime;
}

/** The model a runtime uses when the user switches to it without naming one. */
export function defaultModelFor(runtime: RuntimeName, config: Pick<KavakConfig, 'model'>): string {
  if (runtime === 'offline') return 'offline';
  return config.model === 'offline' ? 'gpt-4o-mini' : config.model;
}
