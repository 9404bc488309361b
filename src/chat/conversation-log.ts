import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { TurnTraceSchema, type TurnTrace } from '../core/trace/schema.js';
import type { ConversationStore, StoredMessage } from '../store/conversation-store.js';
import type { RuntimeChoice } from './session.js';

/** Enough for any conversation a person types; the store needs a limit. */
const ALL_MESSAGES = 100_000;

export function storedMessages(store: ConversationStore, conversationId: string): StoredMessage[] {
  return store.history(conversationId, ALL_MESSAGES);
}

/** The conversation's traces, oldest first; a trace an older version wrote that no longer parses is skipped. */
export function storedTraces(store: ConversationStore, conversationId: string): TurnTrace[] {
  return store.traces(conversationId).flatMap((raw) => {
    const parsed = TurnTraceSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface ConversationExport {
  conversationId: string;
  exportedAt: string;
  runtime: RuntimeChoice;
  messages: StoredMessage[];
  traces: unknown[];
}

/** /export: the conversation and every trace as one JSON file; returns the absolute path. */
export function exportConversation(options: {
  store: ConversationStore;
  conversationId: string;
  runtime: RuntimeChoice;
  file: string | undefined;
  cwd: string;
  now?: Date;
}): { path: string; turns: number } {
  const { store, conversationId } = options;
  const file = options.file ?? `kavak-chat-${conversationId}.json`;
  const path = isAbsolute(file) ? file : resolve(options.cwd, file);
  const traces = store.traces(conversationId);
  const content: ConversationExport = {
    conversationId,
    exportedAt: (options.now ?? new Date()).toISOString(),
    runtime: options.runtime,
    messages: storedMessages(store, conversationId),
    traces,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return { path, turns: traces.length };
}
