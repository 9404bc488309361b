import { existsSync, lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserInputError } from '../support/errors.js';
import { TurnTraceSchema, type TurnTrace } from '../core/trace/schema.js';
import type { ConversationStore, StoredMessage } from '../core/ports/conversations.js';
import type { RuntimeChoice } from './session.js';

/** Enough for any conversation a person types; the store needs a limit. */
const ALL_MESSAGES = 100_000;

export function storedMessages(
  conversations: ConversationStore,
  conversationId: string,
): Promise<StoredMessage[]> {
  return conversations.history(conversationId, ALL_MESSAGES);
}

/** The conversation's traces, oldest first; a trace an older version wrote that no longer parses is skipped. */
export async function storedTraces(
  conversations: ConversationStore,
  conversationId: string,
): Promise<TurnTrace[]> {
  return (await conversations.traces(conversationId)).flatMap((raw) => {
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

/**
 * /export: the conversation and every trace as one JSON file; returns the absolute path.
 * Writes only inside the working folder and never replaces a file unless forced: without a
 * name it picks a fresh one (kavak-chat-<id>.json, then -2, -3 …), a named file that exists is
 * refused with the way to overwrite it.
 */
export async function exportConversation(options: {
  conversations: ConversationStore;
  conversationId: string;
  runtime: RuntimeChoice;
  file: string | undefined;
  /** Replace the named file if it exists (/export <file> --force). */
  force?: boolean;
  cwd: string;
  now?: Date;
}): Promise<{ path: string; turns: number }> {
  const { conversations, conversationId } = options;
  const traces = await conversations.traces(conversationId);
  const content: ConversationExport = {
    conversationId,
    exportedAt: (options.now ?? new Date()).toISOString(),
    runtime: options.runtime,
    messages: await storedMessages(conversations, conversationId),
    traces,
  };
  const text = `${JSON.stringify(content, null, 2)}\n`;
  if (options.file === undefined) {
    for (let copy = 1; ; copy++) {
      const name = `kavak-chat-${conversationId}${copy === 1 ? '' : `-${copy}`}.json`;
      const path = resolve(options.cwd, name);
      if (writeNew(path, text)) return { path, turns: traces.length };
    }
  }
  const path = insideWorkingFolder(options.cwd, options.file);
  mkdirSync(dirname(path), { recursive: true });
  if (options.force) {
    if (existsSync(path) && !lstatSync(path).isFile())
      throw new UserInputError(`${options.file} is not a regular file; /export only replaces files.`, {
        hint: 'Pick another name: /export <file>.',
      });
    writeFileSync(path, text);
  } else if (!writeNew(path, text)) {
    throw new UserInputError(`${options.file} already exists.`, {
      hint: `Overwrite it with /export ${options.file} --force, or pick another name.`,
    });
  }
  return { path, turns: traces.length };
}

/**
 * The absolute path of `file`, refused when it leads outside `cwd`: "../x", "/etc/x", or a
 * folder inside that is a symlink to elsewhere.
 */
function insideWorkingFolder(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  const root = realpathSync(cwd);
  let existing = dirname(path);
  while (!existsSync(existing)) existing = dirname(existing);
  const rel = relative(root, join(realpathSync(existing), relative(existing, path)));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new UserInputError(`/export writes inside the working folder (${cwd}), not to ${file}.`, {
      hint: 'Give a path inside it, e.g. /export exports/chat.json.',
    });
  }
  return path;
}

/** Creates `path` with `text`; false when something is there already (never replaced, even a symlink). */
function writeNew(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
