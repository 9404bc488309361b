import type { FinishReason } from '../../core/ports/language-model.js';

/** OpenAI's finish_reason → ours. Servers that send none (some compatible ones) give 'other'. */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
