import type OpenAI from 'openai';
import type { ChatMessage } from '../../core/ports/language-model.js';

type ChatCompletionMessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** Our messages are already chat-shaped; this keeps the wire type in one place. */
export function convertToOpenAIMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return { role: 'user', content: message.content };
      case 'assistant':
        return { role: 'assistant', content: message.content };
    }
  });
}
