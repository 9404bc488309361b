import type OpenAI from 'openai';
import type { GenerateRequest } from '../../core/ports/language-model.js';
import { convertToOpenAIMessages } from './convert-messages.js';
import { tokenLimitParam } from './token-limit.js';
import { strictResponseFormat, zodContentParser } from './to-strict-json-schema.js';

type ChatParams = Omit<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, 'stream'>;

/** What the SDK's zod helper attaches to a response format: its own content parser. */
export interface ContentParser {
  $parseRaw(content: string): unknown;
}

export interface ChatCall {
  params: ChatParams;
  /** Present for structured calls: parses the content with the request's schema (throws on a mismatch). */
  parser: ContentParser | undefined;
  warnings: string[];
}

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 …) reject `max_tokens` and any temperature
 * but the default.
 */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)(?!.*-chat)/.test(model);
}

/** `openAIPlatform`: the server is api.openai.com, which decides the token-budget field (token-limit.ts). */
export function buildChatParams(request: GenerateRequest, model: string, openAIPlatform: boolean): ChatCall {
  const reasoning = isReasoningModel(model);
  const warnings: string[] = [];
  const params: ChatParams = { model, messages: convertToOpenAIMessages(request.messages) };

  if (request.temperature !== undefined) {
    if (reasoning) warnings.push(`temperature is ignored: ${model} only accepts its default.`);
    else params.temperature = request.temperature;
  }
  if (request.maxOutputTokens !== undefined)
    Object.assign(params, tokenLimitParam(request.maxOutputTokens, { reasoning, openAIPlatform }));

  let parser: ContentParser | undefined;
  if (request.output) {
    // A strict JSON schema in its most portable form (see to-strict-json-schema.ts), not the SDK's
    // zodResponseFormat: its `anyOf` nullables become always-null fields in llama.cpp grammars.
    // We parse the content ourselves because `parse` throws the whole completion away on a bad
    // JSON or a length finish, and core needs the raw text (for its repair retry) and the usage.
    params.response_format = strictResponseFormat(request.output.name, request.output.schema);
    parser = zodContentParser(request.output.schema);
  }
  return { params, parser, warnings };
}
