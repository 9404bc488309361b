import { relative } from 'node:path';
import { RuntimeNameSchema } from '../app/config/schema.js';
import type { ChatController, SubmitOutcome } from './chat-controller.js';
import { COMMAND_HELP, type ChatCommand, type ChatCommandName } from './commands.js';
import { exportConversation, storedTraces } from './conversation-log.js';
import { describeCommandError } from './describe-error.js';
import { saveCase } from './save-case.js';
import { defaultModelFor, type RuntimeChoice } from './session.js';

type Handler<N extends ChatCommandName> = (
  chat: ChatController,
  command: Extract<ChatCommand, { name: N }>,
) => SubmitOutcome | Promise<SubmitOutcome>;

/** One handler per command; a Record so the compiler catches a command without one. */
const HANDLERS: { [N in ChatCommandName]: Handler<N> } = {
  help: (chat) => {
    const width = Math.max(...Object.values(COMMAND_HELP).map((c) => c.usage.length));
    const lines = Object.values(COMMAND_HELP).map((c) => `${c.usage.padEnd(width)}  ${c.description}`);
    return chat.notice(
      [
        'Commands:',
        ...lines,
        'Tab shows the trace, Ctrl+P the prompts; ↑/↓ walk your earlier messages.',
      ].join('\n'),
    );
  },

  reset: (chat) => chat.notice(`New conversation ${chat.reset()}.`),

  runtime: (chat, { runtime }) => {
    const current = chat.getState().runtime;
    if (!runtime) {
      return chat.notice(
        `Runtime: ${current.runtime} (model ${current.model}).`,
        `Switch with /runtime <${RuntimeNameSchema.options.join('|')}>.`,
      );
    }
    const model =
      runtime === current.runtime ? current.model : defaultModelFor(runtime, chat.session.initial);
    return switchTo(chat, { runtime, model });
  },

  model: (chat, { model }) => {
    const current = chat.getState().runtime;
    if (!model)
      return chat.notice(
        `Model: ${current.model} (runtime ${current.runtime}).`,
        'Switch with /model <name>.',
      );
    if (current.runtime === 'offline') {
      return chat.notice(
        'The offline runtime has no models to choose from.',
        `Switch first: /runtime openai, then /model ${model}.`,
      );
    }
    return switchTo(chat, { runtime: current.runtime, model });
  },

  reload: async (chat) => {
    try {
      await chat.session.reload();
    } catch (error) {
      const { text, hint } = describeCommandError(error);
      return chat.error(`Reload failed: ${text}`, hint);
    }
    const { catalog, knowledge } = chat.currentPipeline.deps.tools;
    return chat.notice(
      `Reloaded prompt files, catalog (${catalog.cars.length} cars) and knowledge base (${knowledge.sections.length} sections).`,
      chat.getState().lastMessage ? '/retry asks your last message again.' : undefined,
    );
  },

  retry: (chat) => {
    const last = chat.getState().lastMessage;
    if (!last) return chat.notice('There is no message to retry yet.', 'Type a message first.');
    return chat.send(last);
  },

  trace: (chat) => chat.toggleTrace(),

  prompt: (chat) => chat.togglePrompts(),

  save: async (chat, { id }) => {
    const { conversationId, runtime } = chat.getState();
    try {
      const saved = saveCase({
        dir: chat.options.goldenSetDir,
        id,
        traces: await storedTraces(chat.session.conversations, conversationId),
        provenance: `Saved from kavak chat: conversation ${conversationId}, runtime ${runtime.runtime}/${runtime.model}, ${new Date().toISOString()}.`,
      });
      return chat.notice(
        `Saved case "${id}" (${saved.testCase.turns.length} turn(s)) to ${displayPath(saved.path, chat.options.cwd)}.`,
        'Its expectations are drafts: review them, then run kavak eval.',
      );
    } catch (error) {
      const { text, hint } = describeCommandError(error);
      return chat.error(text, hint);
    }
  },

  export: async (chat, { file, force }) => {
    const { conversationId, runtime } = chat.getState();
    try {
      const { path, turns } = await exportConversation({
        conversations: chat.session.conversations,
        conversationId,
        runtime,
        file,
        force,
        cwd: chat.options.cwd,
      });
      return chat.notice(
        `Exported ${turns} turn(s) with their traces to ${displayPath(path, chat.options.cwd)}.`,
      );
    } catch (error) {
      const { text, hint } = describeCommandError(error);
      return chat.error(`Export failed: ${text}`, hint);
    }
  },

  quit: () => ({ kind: 'quit' }),
};

export function runCommand(
  chat: ChatController,
  command: ChatCommand,
): SubmitOutcome | Promise<SubmitOutcome> {
  // The mapped Record pairs each name with its handler; TS cannot narrow that pair through a variable.
  const handler = HANDLERS[command.name] as Handler<ChatCommandName>;
  return handler(chat, command);
}

function switchTo(chat: ChatController, choice: RuntimeChoice): SubmitOutcome {
  try {
    chat.useRuntime(choice, chat.session.createRuntime(choice));
  } catch (error) {
    const { text, hint } = describeCommandError(error);
    return chat.error(`Could not switch to ${choice.runtime}/${choice.model}: ${text}`, hint);
  }
  return chat.notice(`Now answering with ${choice.runtime}/${choice.model}.`);
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
