import type { Pipeline, TurnResult } from '../core/pipeline.js';
import type { TurnTrace } from '../core/trace/schema.js';
import type { LanguageModelRuntime } from '../core/ports/language-model.js';
import { newConversationId } from '../core/ports/conversations.js';
import { runCommand } from './chat-commands.js';
import {
  addTrace,
  applyEvent,
  EMPTY_TOTALS,
  startTurn,
  type ChatEntry,
  type ChatState,
  type EntryKind,
} from './chat-state.js';
import { parseInput } from './commands.js';
import { storedMessages, storedTraces } from './conversation-log.js';
import { describeTurnError } from './describe-error.js';
import type { ChatSession, RuntimeChoice } from './session.js';

/** What one submitted line led to; line mode prints it, the Ink UI renders the state instead. */
export type SubmitOutcome =
  | { kind: 'none' }
  | { kind: 'reply'; result: TurnResult }
  /** The turn failed (model error, bad prompt …); the chat goes on. */
  | { kind: 'failed'; text: string; hint: string }
  | { kind: 'notice'; text: string; hint?: string }
  /** A command could not do its work. */
  | { kind: 'error'; text: string; hint: string }
  | { kind: 'trace'; visible: boolean; trace: TurnTrace | null }
  | { kind: 'prompts'; visible: boolean; trace: TurnTrace | null }
  | { kind: 'quit' };

export interface ChatControllerOptions {
  /** Resume this conversation (or start it under this id). Default: a new one. */
  conversationId?: string;
  /** Where /save writes cases. */
  goldenSetDir: string;
  /** Where /export writes relative paths. */
  cwd: string;
}

/** How long closing waits for a turn that is still running before the app is torn down. */
const CLOSE_WAIT_MS = 3000;

/**
 * The chat outside React: sends messages through the pipeline, turns its events into state and
 * runs the slash commands. The Ink UI subscribes to the state; line mode reads the outcomes.
 */
export class ChatController {
  private state: ChatState;
  private pipeline: Pipeline;
  private readonly listeners = new Set<() => void>();
  private inFlight: { done: Promise<unknown>; abort: AbortController } | null = null;
  private nextEntryId = 1;

  /** A controller on a new conversation, or on the stored one `options.conversationId` names. */
  static async open(session: ChatSession, options: ChatControllerOptions): Promise<ChatController> {
    const controller = new ChatController(session, options);
    if (options.conversationId) await controller.resume(options.conversationId);
    return controller;
  }

  private constructor(
    readonly session: ChatSession,
    readonly options: ChatControllerOptions,
  ) {
    this.pipeline = session.pipeline;
    this.state = {
      conversationId: options.conversationId ?? newConversationId(),
      runtime: session.initial,
      entries: [],
      pending: null,
      lastTrace: null,
      showTrace: false,
      showPrompts: false,
      totals: EMPTY_TOTALS,
      lastMessage: undefined,
    };
    if (!options.conversationId)
      this.addEntry('notice', `New conversation ${this.state.conversationId}. Type /help for the commands.`);
  }

  readonly getState = (): ChatState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get busy(): boolean {
    return this.state.pending !== null;
  }

  /** One line the user typed: a slash command or a message for the agent. */
  async submit(raw: string): Promise<SubmitOutcome> {
    const parsed = parseInput(raw);
    switch (parsed.kind) {
      case 'empty':
        return { kind: 'none' };
      case 'invalid':
        return this.notice(parsed.message, parsed.hint);
      case 'message':
        return this.send(parsed.text);
      case 'command':
        if (this.busy && !['help', 'trace', 'prompt', 'quit'].includes(parsed.command.name)) {
          return this.notice(
            'The agent is still answering.',
            'Wait for the reply, then run the command again.',
          );
        }
        return runCommand(this, parsed.command);
    }
  }

  /** Runs one turn; the reply or the error lands in the conversation, never as a throw. */
  async send(message: string): Promise<SubmitOutcome> {
    if (this.busy)
      return this.notice(
        'The agent is still answering.',
        'Wait for the reply before sending another message.',
      );
    const abort = new AbortController();
    this.addEntry('customer', message);
    this.update({ pending: startTurn(message), lastMessage: message });
    const turn = this.pipeline.runTurn({
      message,
      conversationId: this.state.conversationId,
      signal: abort.signal,
      onEvent: (event) => {
        if (this.state.pending) this.update({ pending: applyEvent(this.state.pending, event) });
      },
    });
    this.inFlight = { done: turn.catch(() => undefined), abort };
    try {
      const result = await turn;
      this.update({
        pending: null,
        lastTrace: result.trace,
        totals: addTrace(this.state.totals, result.trace),
        entries: [...this.state.entries, this.entry('agent', result.reply)],
      });
      return { kind: 'reply', result };
    } catch (error) {
      const { text, hint } = describeTurnError(error);
      this.update({ pending: null, entries: [...this.state.entries, this.entry('error', text, hint)] });
      return { kind: 'failed', text, hint };
    } finally {
      this.inFlight = null;
    }
  }

  toggleTrace(): SubmitOutcome {
    this.update({ showTrace: !this.state.showTrace });
    return { kind: 'trace', visible: this.state.showTrace, trace: this.state.lastTrace };
  }

  togglePrompts(): SubmitOutcome {
    this.update({ showPrompts: !this.state.showPrompts });
    return { kind: 'prompts', visible: this.state.showPrompts, trace: this.state.lastTrace };
  }

  /** Starts a new conversation (/reset). */
  reset(): string {
    const conversationId = newConversationId();
    this.update({ conversationId, lastTrace: null, totals: EMPTY_TOTALS, lastMessage: undefined });
    return conversationId;
  }

  /** Answers with another runtime or model from now on (/runtime, /model). */
  useRuntime(choice: RuntimeChoice, runtime: LanguageModelRuntime): void {
    this.pipeline = this.session.pipeline.withRuntime(runtime);
    this.update({ runtime: choice });
  }

  get currentPipeline(): Pipeline {
    return this.pipeline;
  }

  notice(text: string, hint?: string): SubmitOutcome {
    this.addEntry('notice', text, hint);
    return { kind: 'notice', text, hint };
  }

  error(text: string, hint: string): SubmitOutcome {
    this.addEntry('error', text, hint);
    return { kind: 'error', text, hint };
  }

  /** Cancels a running turn and waits (briefly) for it, so the app can close its database. */
  async close(): Promise<void> {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    inFlight.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      inFlight.done,
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  private async resume(conversationId: string): Promise<void> {
    const { conversations } = this.session;
    if (!(await conversations.get(conversationId))) {
      this.addEntry('notice', `No stored conversation ${conversationId}: it starts now, under that id.`);
      return;
    }
    const traces = await storedTraces(conversations, conversationId);
    const messages = await storedMessages(conversations, conversationId);
    this.update({
      entries: messages.map((m) => this.entry(m.role, m.text)),
      lastTrace: traces.at(-1) ?? null,
      totals: traces.reduce(addTrace, EMPTY_TOTALS),
      lastMessage: messages.filter((m) => m.role === 'customer').at(-1)?.text,
    });
    this.addEntry(
      'notice',
      `Resumed conversation ${conversationId} (${traces.length} turn(s)). Type /help for the commands.`,
    );
  }

  private entry(kind: EntryKind, text: string, hint?: string): ChatEntry {
    return { id: this.nextEntryId++, kind, text, ...(hint ? { hint } : {}) };
  }

  private addEntry(kind: EntryKind, text: string, hint?: string): void {
    this.update({ entries: [...this.state.entries, this.entry(kind, text, hint)] });
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
