/**
 * A scripted model behind the shared fake OpenAI server: structured calls (intents) get a
 * greeting intent, free-text calls (the reply rephrase) get `replyText`. Each answer can be
 * slowed or replaced by an error, per call.
 */
import { emptyEntities } from '../../../src/core/intents/schema.js';
import {
  completionReply,
  errorReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
  type FakeReply,
  type ReceivedRequest,
} from '../../helpers/fake-openai-server.js';

export interface FakeModelOptions {
  replyText?: string;
  delayMs?: number;
  /** Called as each request arrives; the answer waits until the promise it returns settles. */
  answerAfter?: () => Promise<unknown>;
  /** Overrides the answer of call `n` (0-based, over all calls). */
  answer?: (request: ReceivedRequest, call: number) => FakeReply | undefined;
}

export interface FakeModel {
  readonly server: FakeOpenAIServer;
  readonly url: string;
  readonly calls: number;
  close(): Promise<void>;
}

export const GREETING_INTENTS = {
  intents: [{ type: 'greeting', confidence: 0.95, entities: emptyEntities() }],
};

export async function startFakeModel(options: FakeModelOptions = {}): Promise<FakeModel> {
  const server = await startFakeOpenAIServer();
  let calls = 0;
  server.fallback((request) => {
    const call = calls++;
    const scripted = options.answer?.(request, call);
    if (scripted) return scripted;
    const structured =
      typeof request.body === 'object' && request.body !== null && 'response_format' in request.body;
    const reply = completionReply({
      content: structured
        ? JSON.stringify(GREETING_INTENTS)
        : (options.replyText ?? '¡Hola! ¿Qué auto buscas?'),
    });
    return { ...reply, delayMs: options.delayMs, after: options.answerAfter?.() };
  });
  return {
    server,
    url: server.url,
    get calls() {
      return calls;
    },
    close: () => server.close(),
  };
}

export { errorReply };
