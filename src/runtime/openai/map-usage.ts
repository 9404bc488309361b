import type OpenAI from 'openai';
import type { Usage } from '../../core/ports/language-model.js';

export interface MappedUsage {
  usage: Usage;
  warnings: string[];
}

/** Normalises token counts; a server that reports none gets zeros and a warning, so cost shows as unknown-ish rather than wrong silently. */
export function mapOpenAIUsage(usage: OpenAI.Completions.CompletionUsage | null | undefined): MappedUsage {
  if (!usage) {
    return {
      usage: { inputTokens: 0, outputTokens: 0 },
      warnings: ['The server reported no token usage; tokens and cost are counted as 0.'],
    };
  }
  return { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens }, warnings: [] };
}
