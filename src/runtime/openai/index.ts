export { createOpenAIRuntime, type OpenAIRuntimeSettings } from './openai-runtime.js';
export { isReasoningModel } from './build-chat-params.js';
