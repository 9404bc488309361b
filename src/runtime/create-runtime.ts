import type { KavakConfig } from '../core/config/schema.js';
import { ConfigError } from '../core/errors.js';
import { createOfflineRuntime } from './offline/offline-runtime.js';
import type { Vocabulary } from './offline/nlu/index.js';
import { createLazyOpenAIRuntime } from './openai/lazy-openai-runtime.js';
import { createReplayRuntime, withRecording } from './record-replay.js';
import type { LanguageModelRuntime } from './types.js';

export interface RuntimeOptions {
  vocabulary?: () => Vocabulary;
}

/** The runtime the config asks for, with --record wrapped around it. */
export function createRuntime(
  config: Pick<
    KavakConfig,
    'runtime' | 'model' | 'baseUrl' | 'apiKey' | 'timeoutMs' | 'maxRetries' | 'record' | 'replay'
  >,
  options: RuntimeOptions = {},
): LanguageModelRuntime {
  if (config.replay) {
    // `--replay DIR` alone replays OpenAI recordings; `--runtime offline --replay DIR` replays offline ones.
    const runtimeId = config.runtime === 'replay' ? 'openai' : config.runtime;
    return createReplayRuntime(config.replay, { runtimeId, model: config.model });
  }
  let runtime: LanguageModelRuntime;
  switch (config.runtime) {
    case 'offline':
      runtime = createOfflineRuntime({ vocabulary: options.vocabulary });
      break;
    case 'openai':
      runtime = createLazyOpenAIRuntime({
        apiKey: config.apiKey,
        baseURL: config.baseUrl,
        model: config.model,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
      });
      break;
    case 'replay':
      throw new ConfigError('The replay runtime needs a folder of recordings.', {
        hint: 'Pass --replay <dir> (made earlier with --record <dir>).',
      });
  }
  return config.record ? withRecording(runtime, config.record) : runtime;
}
