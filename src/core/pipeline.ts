import { randomUUID } from 'node:crypto';
import type { LanguageModelRuntime } from './ports/language-model.js';
import { newConversationId, type ConversationStore } from './ports/conversations.js';
import type { PipelineEventListener } from './events.js';
import { detectIntents } from './intents/detect-intents.js';
import type { Intent } from './intents/schema.js';
import { silentLogger, type Logger } from '../support/logger.js';
import { orchestrate } from './orchestrator.js';
import { combineEntities, mergeIntoProfile } from './profile-update.js';
import type { Profile } from './profile.js';
import type { PromptLibrary } from './prompts/prompt-library.js';
import type { TurnTrace } from './trace/schema.js';
import { Tracer } from './trace/tracer.js';
import type { PipelineSettings, PipelineTools, TurnContext } from './turn-context.js';
import { UserInputError } from '../support/errors.js';
import { characterCount } from './text.js';

/** The longest message a turn takes, in characters (WhatsApp's own limit on a text message). */
export const MAX_MESSAGE_CHARS = 4096;

export interface PipelineDeps {
  runtime: LanguageModelRuntime;
  tools: PipelineTools;
  prompts: PromptLibrary;
  /** Conversation memory (the port; SQLite or PostgreSQL behind it). */
  conversations: ConversationStore;
  settings: PipelineSettings;
  /** The reply as the channel sends it, in messages within its limit (the wiring picks the channel). */
  splitReply: (reply: string) => string[];
  logger?: Logger;
}

export interface TurnRequest {
  message: string;
  /** Created when it does not exist yet; a new id when absent. */
  conversationId?: string;
  onEvent?: PipelineEventListener;
  signal?: AbortSignal;
  /** A fixed tracking id (serve passes its own so logs line up). */
  trackingId?: string;
}

export interface TurnResult {
  trackingId: string;
  conversationId: string;
  reply: string;
  /** The reply as sent: the channel's messages. */
  messages: string[];
  intents: Intent[];
  profile: Profile;
  trace: TurnTrace;
}

export interface Pipeline {
  runTurn(request: TurnRequest): Promise<TurnResult>;
  /** Swap the runtime (chat's /runtime, /model) without rebuilding the rest. */
  withRuntime(runtime: LanguageModelRuntime): Pipeline;
  readonly deps: PipelineDeps;
}

/** The bot core: message → intents → agents → one reply, with memory and a full trace. */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const logger = deps.logger ?? silentLogger;
  return {
    deps,
    withRuntime: (runtime) => createPipeline({ ...deps, runtime }),
    async runTurn(request) {
      const message = request.message.trim();
      const characters = characterCount(message);
      if (characters > MAX_MESSAGE_CHARS) {
        throw new UserInputError(
          `The message has ${characters} characters; the limit is ${MAX_MESSAGE_CHARS}.`,
          {
            hint: 'Send a shorter message.',
          },
        );
      }
      const trackingId = request.trackingId ?? `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const conversationId = request.conversationId ?? newConversationId();
      const emit: PipelineEventListener = request.onEvent ?? (() => {});
      const started = performance.now();
      const startedAt = new Date().toISOString();
      const tracer = new Tracer((span) => emit({ type: 'span', trackingId, span }));
      const turnLogger = logger.child({ trackingId, conversationId });
      emit({ type: 'turn_start', trackingId, conversationId, message });

      const conversation = await deps.conversations.getOrCreate(conversationId);
      const history = (await deps.conversations.history(conversationId, deps.settings.historyTurns)).map(
        (m) => ({ role: m.role, text: m.text }),
      );
      const ctx: TurnContext = {
        trackingId,
        conversationId,
        message,
        history,
        profile: conversation.profile,
        tools: deps.tools,
        runtime: deps.runtime,
        prompts: deps.prompts,
        settings: deps.settings,
        tracer,
        logger: turnLogger,
        emit,
        signal: request.signal,
        language: 'es',
      };

      const { result } = await detectIntents(ctx);
      ctx.language = result.language;
      emit({ type: 'intent_detected', trackingId, intents: result.intents });
      ctx.profile = mergeIntoProfile(conversation.profile, combineEntities(result.intents));

      const { reply, profile, leads } = await orchestrate(ctx, result.intents);
      const trace: TurnTrace = {
        trackingId,
        conversationId,
        startedAt,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        message,
        intents: result.intents,
        language: result.language,
        reply,
        messages: deps.splitReply(reply),
        spans: tracer.spans,
        totals: tracer.totals(),
      };
      await deps.conversations.saveTurn({
        conversationId,
        trackingId,
        customerText: message,
        agentText: reply,
        profile,
        trace,
        leads,
      });
      turnLogger.info('turn', {
        intents: result.intents.map((i) => i.type),
        modelCalls: trace.totals.modelCalls,
        costUsd: trace.totals.costUsd,
        latencyMs: trace.latencyMs,
      });
      emit({ type: 'turn_end', trackingId, trace });
      return {
        trackingId,
        conversationId,
        reply,
        messages: trace.messages,
        intents: result.intents,
        profile,
        trace,
      };
    },
  };
}
