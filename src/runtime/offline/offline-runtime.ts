import {
  CONVERSATION_JUDGE_TASK,
  ConversationJudgeTaskInputSchema,
} from '../../core/conversation-judge-task.js';
import { IntentsTaskInputSchema, ReplyTaskInputSchema } from '../../core/tasks.js';
import { chunkText } from '../chunk-text.js';
import { UnsupportedTaskError } from '../errors.js';
import type {
  ChatMessage,
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
  StreamPart,
} from '../../core/ports/language-model.js';
import { toEnglish } from './english/phrasebook.js';
import { judgeConversationOffline } from './judge/conversation-checks.js';
import { extractIntents, type Vocabulary } from './nlu/index.js';

export interface OfflineRuntimeSettings {
  /** The catalog's makes and models, read on each call so a catalog reload is seen. */
  vocabulary?: () => Vocabulary;
}

/**
 * Deterministic and local: no key, no network. It handles tasks natively — rule-based Spanish
 * intent extraction, and for replies the draft the agents built from the tools (put into English
 * from a phrasebook when the customer writes in English) — so it is a
 * real runtime, scored on the golden set like any model.
 */
export function createOfflineRuntime(settings: OfflineRuntimeSettings = {}): LanguageModelRuntime {
  const generate = (request: GenerateRequest): Promise<GenerateResult> => {
    const warnings: string[] = [];
    let text: string;
    let object: unknown;
    switch (request.task.name) {
      case 'intents': {
        object = extractIntents(IntentsTaskInputSchema.parse(request.task.input), settings.vocabulary?.());
        text = JSON.stringify(object);
        break;
      }
      case 'reply': {
        const input = ReplyTaskInputSchema.parse(request.task.input);
        text = input.language === 'en' ? toEnglish(input.draft) : input.draft;
        break;
      }
      case CONVERSATION_JUDGE_TASK: {
        // A conversation rubric with a structural check gets a verdict; any other judge is skipped.
        const input = ConversationJudgeTaskInputSchema.parse(request.task.input);
        if (!input.offlineCheck)
          return Promise.reject(new UnsupportedTaskError('offline', request.task.name));
        object = judgeConversationOffline(input, input.offlineCheck, settings.vocabulary?.());
        text = JSON.stringify(object);
        break;
      }
      default:
        return Promise.reject(new UnsupportedTaskError('offline', request.task.name));
    }
    return Promise.resolve({
      text,
      object,
      usage: {
        inputTokens: estimatePromptTokens(request.messages),
        outputTokens: estimateTokens(text),
      },
      finishReason: 'stop',
      model: 'offline',
      warnings,
    });
  };

  return {
    id: 'offline',
    model: 'offline',
    generate,
    async *stream(request): AsyncIterable<StreamPart> {
      const result = await generate(request);
      for (const chunk of chunkText(result.text)) yield { type: 'text-delta', text: chunk };
      yield { type: 'finish', result };
    },
  };
}

/** Rough token count (≈ 4 characters a token) so offline traces still show prompt sizes. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** As estimateTokens of the messages joined by newlines, without building that string each call. */
function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let chars = Math.max(0, messages.length - 1);
  for (const message of messages) chars += message.content.length;
  return Math.ceil(chars / 4);
}
