import type OpenAI from 'openai';
import type { GenerateResult } from '../../core/ports/language-model.js';
import type { ContentParser } from './build-chat-params.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { mapOpenAIUsage } from './map-usage.js';

export interface CompletionParts {
  text: string;
  refusal: string | null | undefined;
  finishReason: string | null | undefined;
  usage: OpenAI.Completions.CompletionUsage | null | undefined;
  model: string;
}

/** Turns what the server sent (whole or streamed) into our result. Never throws on bad content. */
export function toGenerateResult(
  parts: CompletionParts,
  parser: ContentParser | undefined,
  warnings: string[],
): GenerateResult {
  const { usage, warnings: usageWarnings } = mapOpenAIUsage(parts.usage);
  const finishReason = parts.refusal ? 'content-filter' : mapOpenAIFinishReason(parts.finishReason);
  const all = [...warnings, ...usageWarnings];
  if (parts.refusal) all.push(`The model refused: ${parts.refusal}`);
  return {
    text: parts.text,
    object: finishReason === 'stop' && parser ? parseOrUndefined(parser, parts.text) : undefined,
    usage,
    finishReason,
    model: parts.model,
    warnings: all,
  };
}

export function completionParts(
  completion: OpenAI.Chat.Completions.ChatCompletion,
  requestedModel: string,
): CompletionParts {
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    refusal: choice?.message.refusal,
    finishReason: choice?.finish_reason,
    usage: completion.usage,
    model: completion.model || requestedModel,
  };
}

/** Invalid JSON or a schema mismatch leaves `object` undefined: core validates `text` and repairs once. */
function parseOrUndefined(parser: ContentParser, text: string): unknown {
  try {
    return parser.$parseRaw(text);
  } catch {
    return undefined;
  }
}
