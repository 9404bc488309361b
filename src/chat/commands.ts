import { editDistance } from '../tools/text/edit-distance.js';
import { RuntimeNameSchema, type RuntimeName } from '../app/config/schema.js';

/** What a line typed in the chat asks for: a slash command, or a message for the agent. */
export type ChatCommand =
  | { name: 'help' }
  | { name: 'reset' }
  | { name: 'runtime'; runtime: RuntimeName | undefined }
  | { name: 'model'; model: string | undefined }
  | { name: 'reload' }
  | { name: 'retry' }
  | { name: 'trace' }
  | { name: 'prompt' }
  | { name: 'save'; id: string }
  | { name: 'export'; file: string | undefined; force: boolean }
  | { name: 'quit' };

export type ChatCommandName = ChatCommand['name'];

export type ParsedInput =
  | { kind: 'empty' }
  | { kind: 'message'; text: string }
  | { kind: 'command'; command: ChatCommand }
  /** A slash line that is not a valid command: shown as a hint, never an error. */
  | { kind: 'invalid'; message: string; hint: string };

/** One help line per command; a Record so the compiler catches a command without help. */
export const COMMAND_HELP: Record<ChatCommandName, { usage: string; description: string }> = {
  help: { usage: '/help', description: 'show these commands' },
  reset: { usage: '/reset', description: 'start a new conversation' },
  runtime: {
    usage: '/runtime <offline|openai|replay>',
    description: 'switch the runtime without restarting',
  },
  model: { usage: '/model <name>', description: 'switch the model (openai runtime)' },
  reload: { usage: '/reload', description: 're-read prompt files, catalog and knowledge base' },
  retry: { usage: '/retry', description: 'send the last message again (e.g. after /reload)' },
  trace: { usage: '/trace', description: 'show or hide the trace of the last turn (also Tab)' },
  prompt: {
    usage: '/prompt',
    description: 'show or hide the rendered messages of each model call of the last turn (also Ctrl+P)',
  },
  save: { usage: '/save <id>', description: 'save this conversation as a golden-set case' },
  export: {
    usage: '/export [file] [--force]',
    description:
      'write the conversation and its traces as JSON (inside this folder; --force replaces a file)',
  },
  quit: { usage: '/quit', description: 'leave the chat (also Ctrl+C)' },
};

const ALIASES: Record<string, ChatCommandName> = {
  exit: 'quit',
  q: 'quit',
  '?': 'help',
  h: 'help',
  new: 'reset',
};

/** The golden set's id rule (lowercase letters, digits, - _ .); ids also become file names. */
export const CASE_ID_PATTERN = /^[a-z0-9][a-z0-9-_.]{0,79}$/;

export function parseInput(raw: string): ParsedInput {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  // "/" alone or a path-like "/ algo" is a message; "//texto" sends "/texto" to the agent.
  if (!/^\/[^\s/]/.test(text)) return { kind: 'message', text: text.startsWith('//') ? text.slice(1) : text };

  const [head = '', ...rest] = text.slice(1).split(/\s+/);
  const word = head.toLowerCase();
  const name = isCommandName(word) ? word : ALIASES[word];
  const args = rest.filter(Boolean);
  if (!name) return unknownCommand(head);

  switch (name) {
    case 'runtime': {
      if (!args[0]) return { kind: 'command', command: { name, runtime: undefined } };
      const parsed = RuntimeNameSchema.safeParse(args[0].toLowerCase());
      if (!parsed.success) {
        return invalid(
          `There is no "${args[0]}" runtime.`,
          `Use one of: ${RuntimeNameSchema.options.join(', ')}.`,
        );
      }
      return { kind: 'command', command: { name, runtime: parsed.data } };
    }
    case 'model':
      return { kind: 'command', command: { name, model: args[0] } };
    case 'save': {
      const id = args[0]?.toLowerCase();
      if (!id) return invalid('/save needs a case id.', 'Usage: /save <id>, e.g. /save versa-budget.');
      if (!CASE_ID_PATTERN.test(id)) {
        return invalid(
          `"${id}" cannot be a case id.`,
          'Use lowercase letters, digits, "-", "_" and "." (it becomes the file name).',
        );
      }
      return { kind: 'command', command: { name, id } };
    }
    case 'export': {
      const force = args.includes('--force');
      const files = args.filter((arg) => arg !== '--force');
      if (files.length > 1)
        return invalid(
          '/export takes one file name.',
          'Usage: /export [file] [--force], e.g. /export out/chat.json.',
        );
      if (force && !files[0])
        return invalid(
          '/export --force needs the file to replace.',
          'Without a name /export picks a new file.',
        );
      return { kind: 'command', command: { name, file: files[0], force } };
    }
    default:
      return { kind: 'command', command: { name } };
  }
}

function isCommandName(word: string): word is ChatCommandName {
  return Object.hasOwn(COMMAND_HELP, word);
}

function invalid(message: string, hint: string): ParsedInput {
  return { kind: 'invalid', message, hint };
}

function unknownCommand(head: string): ParsedInput {
  const closest = closestCommand(head.toLowerCase());
  const suggestion = closest ? `Did you mean ${COMMAND_HELP[closest].usage}? ` : '';
  return invalid(
    `Unknown command /${head}.`,
    `${suggestion}Type /help for the commands; //text sends "/text" as a message.`,
  );
}

/** The command a typo most likely meant (prefix, or at most 2 edits away). */
export function closestCommand(word: string): ChatCommandName | undefined {
  const names = Object.keys(COMMAND_HELP) as ChatCommandName[];
  const byPrefix = names.find((n) => word.length >= 2 && n.startsWith(word));
  if (byPrefix) return byPrefix;
  let best: { name: ChatCommandName; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word, name, { max: 2 });
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
