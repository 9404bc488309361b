import { emptyEntities, type Intent } from '../../src/core/intents/schema.js';
import { completionReply, type FakeReply, type ReceivedRequest } from './fake-openai-server.js';

/**
 * A stand-in "model" for an OpenAI-compatible test server: intents come from a fixed table
 * keyed by the customer's message, and replies repeat the agent's draft (a faithful model).
 */
export function echoModel(
  intentsByMessage: Record<string, Intent[]>,
): (request: ReceivedRequest) => FakeReply {
  return (request) => {
    const body = request.body as {
      messages: { role: string; content: string }[];
      response_format?: { json_schema?: { name?: string } };
    };
    const user = body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    if (body.response_format?.json_schema?.name === 'intents') {
      const intents = intentsByMessage[user.trim()] ?? [
        { type: 'out_of_scope', confidence: 0.5, entities: emptyEntities() },
      ];
      return completionReply({
        content: JSON.stringify({ intents }),
        usage: { prompt_tokens: 900, completion_tokens: 60 },
      });
    }
    const draft = user.split('BORRADOR:\n')[1] ?? '';
    return completionReply({ content: draft, usage: { prompt_tokens: 700, completion_tokens: 120 } });
  };
}

export const intent = (type: Intent['type'], entities: Partial<Intent['entities']> = {}): Intent => ({
  type,
  confidence: 0.95,
  entities: { ...emptyEntities(), ...entities },
});
